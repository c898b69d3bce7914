package dev.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MCP servers as an MCP client meets them over stdio: the time from starting the server process to the
 * initialize response, and tool round trips in one session (a shell command, reading a small file), for
 * agentstream (plain JVM, with an AppCDS archive, and with the JDK 25 AOT cache) and for two servers from
 * npm: Desktop Commander and the reference filesystem server. One minimal JSON-RPC client drives them
 * all, so the figures differ only by the server. Prints a Markdown section and writes it to OUT.md.
 *
 * <p>Usage: {@code McpBench JAVA JAR RUNS OUT.md [PEERS_DIR]}. PEERS_DIR holds (or gets, through npm)
 * the two npm servers; default {@code target/mcp-peers}.
 */
public final class McpBench {

    private static final int WARM_CALLS = 20;
    private static final long TIMEOUT_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String java;
    private final String jar;
    private final int runs;
    private final Path peers;
    private final Path work;

    private McpBench(String java, String jar, int runs, Path peers) throws IOException {
        this.java = java;
        this.runs = runs;
        this.peers = peers;
        this.work = Files.createTempDirectory("mcp-bench");
        // A private copy: the CDS archive and the AOT cache are void once their jar changes, and a build may replace it.
        this.jar = Files.copy(Path.of(jar), work.resolve("agentstream.jar")).toString();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: McpBench JAVA JAR RUNS OUT.md [PEERS_DIR]");
            System.exit(2);
        }
        Path peers = Path.of(args.length > 4 ? args[4] : "target/mcp-peers").toAbsolutePath();
        McpBench bench = new McpBench(args[0], args[1], Integer.parseInt(args[2]), peers);
        String report = bench.report();
        Files.writeString(Path.of(args[3]), report);
        System.out.println(report);
    }

    /** How to start one server, and which of its tools do the two round trips. */
    record Server(String name, List<String> command, Map<String, String> env, Call shell, Call readFile) {}

    /** A tools/call: the tool and its arguments. */
    record Call(String tool, Map<String, Object> arguments) {}

    /** What one session measured. Round trips in ms; peak RSS in MiB. */
    record Session(double startupMs, double firstShellMs, double warmShellMs, double firstReadMs, double warmReadMs, double peakRssMiB) {}

    private String report() throws Exception {
        Path file = work.resolve("notes.txt");
        Files.writeString(file, "a small file\n".repeat(40));
        if (!McpPeers.ensure(peers)) throw new IllegalStateException("npm install failed in " + peers + "; see its output above.");

        List<Server> servers = new ArrayList<>();
        servers.add(agentstream("agentstream (JVM)", List.of(), file));
        servers.add(agentstream("agentstream + AppCDS archive", appCdsFlags(file), file));
        List<String> aot = aotCacheFlags(file);
        if (!aot.isEmpty()) servers.add(agentstream("agentstream + AOT cache (JDK 25)", aot, file));
        servers.add(desktopCommander(file));
        servers.add(filesystem(file));

        Map<String, List<Session>> results = new LinkedHashMap<>();
        for (Server server : servers) {
            session(server); // warm the page cache
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < runs; i++) sessions.add(session(server));
            results.put(server.name(), sessions);
            System.err.println("measured " + server.name());
        }

        StringBuilder md = new StringBuilder();
        md.append("## MCP server: start-up and round trips\n\n")
                .append("Each server runs over stdio, started as an MCP client starts it, and is driven by the same minimal JSON-RPC ")
                .append("client. Start-up is from starting the process to the `initialize` response. In the same session, a shell command ")
                .append("(`echo hi`: agentstream `bash`, Desktop Commander `start_process`) and reading a 520-byte file ")
                .append("(agentstream `str_replace_based_edit_tool` view, Desktop Commander `read_file`, filesystem `read_text_file`) are ")
                .append("timed from request to response: the first call, then the median of ").append(WARM_CALLS).append(" more. ")
                .append("Medians of ").append(runs).append(" sessions after one warm-up.\n\n")
                .append("- Date: ").append(LocalDate.now()).append('\n')
                .append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n')
                .append("- Java: ").append(firstLine(java, "-version")).append("; Node: ").append(firstLine("node", "--version")).append('\n')
                .append("- Peers: ").append(McpPeers.DESKTOP_COMMANDER).append(", ").append(McpPeers.FILESYSTEM).append("\n\n")
                .append("| server | start-up to initialize (ms) | first shell call (ms) | shell call (ms) | first file read (ms) | file read (ms) | peak RSS (MiB) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Session>> e : results.entrySet()) {
            List<Session> s = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.0f |%n", e.getKey(),
                    ms(median(s, Session::startupMs)), ms(median(s, Session::firstShellMs)), ms(median(s, Session::warmShellMs)),
                    ms(median(s, Session::firstReadMs)), ms(median(s, Session::warmReadMs)), median(s, Session::peakRssMiB)));
        }
        md.append("\nThe filesystem server has no shell tool (-). agentstream's first shell call includes starting its bash in a ")
                .append("pseudo-terminal and parsing the command with tree-sitter for the safety policy. The AppCDS archive ")
                .append("(`-XX:SharedArchiveFile` with `-XX:+AutoCreateSharedArchive`) and the AOT cache (`-XX:AOTCache`, JEP 483/514) ")
                .append("are written by one training session and reused after; the JVM rows use `--enable-native-access=ALL-UNNAMED ")
                .append("-XX:+UseSerialGC` as the `agentstream` launcher does, and send the JVM's own warnings to stderr.\n");
        return md.toString();
    }

    // ---- the servers

    private Server agentstream(String name, List<String> jvmFlags, Path file) {
        // The JVM's own warnings (CDS prints many) go to stdout by default, where only protocol messages may go.
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr"));
        command.addAll(jvmFlags);
        // McpCommand's own main is 'agentstream mcp' without the picocli dispatch of Main in front of it.
        command.addAll(List.of("-cp", jar, "dev.agentstream.cli.McpCommand", "--root", work.toString()));
        return new Server(name, command, Map.of("AGENTSTREAM_LOG", work.resolve("agentstream.log").toString()),
                new Call("bash", Map.of("command", "echo hi")),
                new Call("str_replace_based_edit_tool", Map.of("command", "view", "path", file.toString())));
    }

    private Server desktopCommander(Path file) throws IOException {
        return new Server("Desktop Commander (Node)", McpPeers.desktopCommander(peers), McpPeers.desktopCommanderEnv(work),
                new Call("start_process", Map.of("command", "echo hi", "timeout_ms", 10_000)),
                new Call("read_file", Map.of("path", file.toString())));
    }

    private Server filesystem(Path file) {
        return new Server("reference filesystem server (Node)", McpPeers.filesystem(peers, work),
                Map.of(), null, new Call("read_text_file", Map.of("path", file.toString())));
    }

    /** A dynamic AppCDS archive, created by a first session that runs with the same flags. */
    private List<String> appCdsFlags(Path file) throws Exception {
        List<String> flags = List.of("-XX:SharedArchiveFile=" + work.resolve("agentstream-mcp.jsa"), "-XX:+AutoCreateSharedArchive");
        session(agentstream("training", flags, file));
        return flags;
    }

    /** The AOT cache of JDK 25 (one-step training with -XX:AOTCacheOutput), or nothing on an older JDK. */
    private List<String> aotCacheFlags(Path file) throws Exception {
        if (javaFeatureVersion() < 25) return List.of();
        Path cache = work.resolve("agentstream-mcp.aot");
        session(agentstream("training", List.of("-XX:AOTCacheOutput=" + cache), file));
        return Files.exists(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    private int javaFeatureVersion() {
        Matcher m = Pattern.compile("version \"(\\d+)").matcher(firstLine(java, "-version"));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    // ---- one session

    private Session session(Server server) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(server.command()).directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(server.env());
        long start = System.nanoTime();
        Process process = builder.start();
        try (StdioClient client = new StdioClient(process)) {
            client.request("initialize", JSON.readTree("""
                    {"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcp-bench","version":"1"}}"""));
            double startup = (System.nanoTime() - start) / 1e6;
            client.notify("notifications/initialized");
            double[] shell = server.shell() == null ? null : roundTrips(client, server.shell());
            double[] read = roundTrips(client, server.readFile());
            double rss = BenchSupport.peakRssMiB(process.pid());
            return new Session(startup, shell == null ? Double.NaN : shell[0], shell == null ? Double.NaN : median(shell, 1),
                    read[0], median(read, 1), rss);
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }
    }

    /** The first call's time, then {@link #WARM_CALLS} more. */
    private static double[] roundTrips(StdioClient client, Call call) throws Exception {
        double[] times = new double[WARM_CALLS + 1];
        ObjectNode params = JSON.createObjectNode().put("name", call.tool());
        params.set("arguments", JSON.valueToTree(call.arguments()));
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            JsonNode result = client.request("tools/call", params);
            times[i] = (System.nanoTime() - start) / 1e6;
            if (result.path("isError").asBoolean()) {
                throw new IllegalStateException(call.tool() + " answered with an error: " + result);
            }
        }
        return times;
    }

    /** Newline-delimited JSON-RPC over a process's stdin and stdout: the whole client, the same for every server. */
    private static final class StdioClient implements AutoCloseable {
        private final OutputStream in;
        private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
        private int nextId = 1;

        StdioClient(Process process) {
            this.in = process.getOutputStream();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        JsonNode message;
                        try {
                            message = JSON.readTree(line);
                        } catch (IOException notJson) {
                            System.err.println("not a protocol message on the server's stdout: " + line);
                            continue;
                        }
                        if (message.has("id") && !message.has("method")) responses.add(message);
                    }
                } catch (IOException e) {
                    // the server is gone; a pending request times out
                }
            });
        }

        JsonNode request(String method, JsonNode params) throws Exception {
            int id = nextId++;
            ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
            message.set("params", params);
            send(message);
            JsonNode response = responses.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (response == null) throw new IllegalStateException("no answer to " + method + " within " + TIMEOUT_MS + " ms");
            if (response.path("id").asInt() != id || response.has("error")) {
                throw new IllegalStateException("unexpected answer to " + method + ": " + response);
            }
            return response.path("result");
        }

        void notify(String method) throws IOException {
            send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method));
        }

        private void send(JsonNode message) throws IOException {
            in.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    // ---- figures

    private static double median(double[] values, int from) {
        double[] sorted = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double median(List<Session> sessions, ToDoubleFunction<Session> metric) {
        return median(sessions.stream().mapToDouble(metric).toArray(), 0);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
            p.waitFor();
            return first;
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
