package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentstream mcp --http --host 0.0.0.0}: bound to every interface, it says so, warns, makes a token
 * and lets only requests with it through (checked with the official TypeScript SDK, as Claude Code's
 * {@code --header} sends it); and over HTTP as over stdio, a file swapped for a link to outside during
 * views never shows the outside file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class McpHttpAuthCommandTest {

    private static final Path NODE_DIR = Path.of("..", "agentstream-mcp", "src", "test", "node").toAbsolutePath().normalize();
    private static final String SECRET = "OUTSIDE-SECRET-91be";
    private static final int VIEWS = 500;

    @TempDir
    Path tmp;

    private Process server;

    @AfterEach
    @Timeout(30)
    void stop() throws Exception {
        if (server == null) return;
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly();
    }

    record Started(String listeningLine, List<String> lines, URI loopbackUrl, String token) {}

    @Test
    void offLoopbackItNamesEveryInterfaceWarnsAndLetsOnlyTheTokenThrough() throws Exception {
        Started started = start(List.of("--http", "--host", "0.0.0.0", "--port", "0"));
        assertThat(started.listeningLine()).contains("listening on http://0.0.0.0:").contains("every interface: http://127.0.0.1:");
        assertThat(started.listeningLine()).doesNotContain("0:0:0:0");
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (nic.isUp() && address instanceof java.net.Inet4Address) {
                    assertThat(started.listeningLine()).contains("http://" + address.getHostAddress() + ":");
                }
            }
        }
        assertThat(started.lines()).anyMatch(l -> l.startsWith("warning: other machines can reach this server"));
        assertThat(started.lines()).anyMatch(l -> l.contains("claude mcp add --transport http agentstream http://")
                && l.contains("--header \"Authorization: Bearer " + started.token() + "\""));

        JsonNode withToken = node(started.loopbackUrl(), started.token());
        assertThat(withToken.path("connected").asBoolean()).as("node: %s", withToken).isTrue();
        assertThat(withToken.path("tools").toString()).contains("\"bash\"");
        assertThat(withToken.path("text").asText()).contains("token accepted");

        JsonNode without = node(started.loopbackUrl(), null);
        assertThat(without.path("connected").asBoolean()).isFalse();
        assertThat(without.path("error").asText()).contains("\"error\":\"unauthorized\"").contains("Authorization: Bearer TOKEN");
        JsonNode wrong = node(started.loopbackUrl(), "wrong-token-0123456789abcdef");
        assertThat(wrong.path("connected").asBoolean()).isFalse();
        assertThat(wrong.path("error").asText()).contains("\"error\":\"invalid_token\"");
    }

    @Test
    void onLoopbackAuthTurnsTheTokenOnAndATokenFileIsUsedAsGiven() throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("token"), "file-token-0123456789abcdef\n");
        Started started = start(List.of("--http", "--port", "0", "--auth", "--token-file", tokenFile.toString()));
        assertThat(started.listeningLine()).contains("listening on http://127.0.0.1:");
        assertThat(started.lines()).noneMatch(l -> l.startsWith("warning:")).noneMatch(l -> l.contains("file-token"));
        assertThat(node(started.loopbackUrl(), "file-token-0123456789abcdef").path("connected").asBoolean()).isTrue();
        assertThat(node(started.loopbackUrl(), null).path("error").asText()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void overHttpsTheTypeScriptSdkConnectsWithTheTokenWhenItTrustsTheCertificate() throws Exception {
        Path cert = tmp.resolve("cert.pem");
        Path key = tmp.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-nodes", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost").redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor()).as("openssl made a certificate").isZero();
        Started started = start(List.of("--http", "--host", "0.0.0.0", "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString()));
        assertThat(started.listeningLine()).contains("listening on https://0.0.0.0:").contains("https://127.0.0.1:");
        assertThat(started.lines()).noneMatch(l -> l.contains("not encrypted"));
        Map<String, String> trust = Map.of("NODE_EXTRA_CA_CERTS", cert.toString());
        JsonNode withToken = node(started.loopbackUrl(), started.token(), trust);
        assertThat(withToken.path("connected").asBoolean()).as("node: %s", withToken).isTrue();
        assertThat(withToken.path("text").asText()).contains("token accepted");
        assertThat(node(started.loopbackUrl(), null, trust).path("error").asText()).contains("\"error\":\"unauthorized\"");
        assertThat(node(started.loopbackUrl(), started.token(), Map.of()).path("connected").asBoolean())
                .as("a client that does not trust the certificate").isFalse();
    }

    @Test
    void aFileSwappedForALinkIsNeverShownOverHttp() throws Exception {
        Path root = layout();
        Started started = start(List.of("--http", "--host", "0.0.0.0", "--port", "0", "--root", root.toString()));
        try (McpCommandTest.Client client = McpCommandTest.Client.http(started.loopbackUrl(), started.token())) {
            viewRace(client, root);
        }
    }

    @Test
    void aFileSwappedForALinkIsNeverShownOverStdio() throws Exception {
        Path root = layout();
        try (McpCommandTest.Client client = McpCommandTest.Client.stdio(tmp, "--root", root.toString())) {
            viewRace(client, root);
        }
    }

    private Path layout() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Path outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.writeString(outside.resolve("secret.txt"), SECRET + "\n");
        Files.writeString(root.resolve("victim.txt"), "inside content\n");
        return root;
    }

    /** Views the file while another thread swaps it, with rename, for a regular file and a link to outside. */
    private void viewRace(McpCommandTest.Client client, Path root) throws Exception {
        Path victim = root.resolve("victim.txt");
        Path outside = tmp.resolve("outside/secret.txt").toRealPath();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong swaps = new AtomicLong();
        List<Throwable> swapFailures = new ArrayList<>();
        Thread swapper = Thread.ofPlatform().start(() -> {
            try {
                while (running.get()) {
                    Files.writeString(root.resolve("victim.file"), "inside content\n");
                    Files.move(root.resolve("victim.file"), victim, StandardCopyOption.ATOMIC_MOVE);
                    Files.deleteIfExists(root.resolve("victim.link"));
                    Files.createSymbolicLink(root.resolve("victim.link"), outside);
                    Files.move(root.resolve("victim.link"), victim, StandardCopyOption.ATOMIC_MOVE);
                    swaps.incrementAndGet();
                }
            } catch (IOException e) {
                swapFailures.add(e);
            }
        });
        int shown = 0;
        try {
            for (int i = 0; i < VIEWS; i++) {
                McpSchema.CallToolResult result = client.client.callTool(new McpSchema.CallToolRequest(
                        "str_replace_based_edit_tool", Map.of("command", "view", "path", victim.toString())));
                String text = McpCommandTest.Client.text(result);
                assertThat(text).doesNotContain(SECRET);
                if (!Boolean.TRUE.equals(result.isError())) {
                    assertThat(text).contains("inside content");
                    shown++;
                }
            }
        } finally {
            running.set(false);
            swapper.join();
        }
        assertThat(swapFailures).isEmpty();
        assertThat(swaps.get()).isPositive();
        assertThat(shown).as("views that read the inside file").isPositive();
    }

    private Started start(List<String> args) throws Exception {
        server = McpCommandTest.Client.start(tmp, args);
        server.getOutputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on https?://(\\S+?)/mcp");
        Pattern loopbackUrl = Pattern.compile("(https?://127\\.0\\.0\\.1:\\d+/mcp)");
        Pattern token = Pattern.compile("Bearer token \\(shown only now\\): (\\S+)");
        List<String> lines = new ArrayList<>();
        String listeningLine = null;
        URI url = null;
        String shownToken = null;
        String line;
        while ((line = err.readLine()) != null) {
            lines.add(line);
            if (listening.matcher(line).find()) {
                listeningLine = line;
                Matcher m = loopbackUrl.matcher(line);
                if (m.find()) url = URI.create(m.group(1));
            }
            Matcher t = token.matcher(line);
            if (t.find()) shownToken = t.group(1);
            if (line.contains("claude mcp add") || line.contains("Every request must carry")) break;
        }
        assertThat(listeningLine).as("the start-up line; stderr so far: %s", lines).isNotNull();
        assertThat(url).isNotNull();
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> {}));
        return new Started(listeningLine, lines, url, shownToken);
    }

    private static JsonNode node(URI url, String token) throws Exception {
        return node(url, token, Map.of());
    }

    private static JsonNode node(URI url, String token, Map<String, String> environment) throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            fail("The TypeScript MCP SDK is not installed: run 'npm ci' in " + NODE_DIR + ".");
        }
        List<String> command = new ArrayList<>(List.of("node", "http-client.mjs", url.toString()));
        if (token != null) command.add(token);
        ProcessBuilder builder = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process node = builder.start();
        String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return EventJson.mapper().readTree(stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    }
}
