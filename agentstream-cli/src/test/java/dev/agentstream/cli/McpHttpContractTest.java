package dev.agentstream.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The contract through {@code agentstream mcp --http}: one server on loopback, each session an MCP client of its own. */
class McpHttpContractTest extends FrontDoorContract {

    @Override
    FrontDoor open(Path dir) throws Exception {
        Path log = dir.resolve("mcp-http.log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ContractMain.class.getName(), "mcp", "--http", "--port", "0").directory(dir.toFile());
        builder.environment().put("AGENTSTREAM_LOG", log.toString());
        Process server = builder.start();
        server.getOutputStream().close();
        URI endpoint = listeningOn(server);
        return door(true, number -> new McpDoorSession(McpCommandTest.Client.http(endpoint), log), () -> {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) server.destroyForcibly();
        });
    }

    /** Where the server says (on stderr) it listens; the rest of stderr is drained so the server never blocks on it. */
    private static URI listeningOn(Process server) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        String line;
        while ((line = err.readLine()) != null) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> err.lines().forEach(l -> {}));
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("the server ended without saying where it listens");
    }
}
