package dev.agentstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a user feels first: from spawning a server to its answer to {@code initialize}, for agentstream as
 * its launcher starts it (stdio, and Streamable HTTP), for the same jar on a plain JVM and with the AppCDS
 * archive the launcher used before, and for two MCP servers from npm (the reference filesystem server and
 * Desktop Commander); and from spawning {@code agentstream tool bash} to its first output. All contenders
 * take turns in every round, so a busy moment of the machine hits them alike; figures are medians.
 *
 * <p>Usage: {@code StartupBench ROOT JAVA RUNS OUT.md PEERS_DIR}: ROOT is the checkout holding the
 * {@code agentstream} launcher and its built jar; PEERS_DIR holds the npm servers (installed there when missing).
 */
public final class StartupBench {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
            "clientInfo":{"name":"startup-bench","version":"1"}}}""";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One spawn: milliseconds to the awaited answer, and the process's peak resident memory by then. */
    record Sample(double ms, double rssMiB) {}

    /** One spawn of a contender, timed. */
    interface Measurement {
        Sample take() throws Exception;
    }

    /** One way of starting something and waiting for its first answer. */
    record Contender(String name, Measurement measurement) {
        Sample measure() throws Exception {
            return measurement.take();
        }
    }

    private final Path root;
    private final String java;
    private final int runs;
    private final Path peers;
    private final Path work;

    private StartupBench(Path root, String java, int runs, Path peers) throws IOException {
        this.root = root;
        this.java = java;
        this.runs = runs;
        this.peers = peers;
        this.work = Files.createTempDirectory("startup-bench");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: StartupBench ROOT JAVA RUNS OUT.md PEERS_DIR");
            System.exit(2);
        }
        StartupBench bench = new StartupBench(Path.of(args[0]).toAbsolutePath(), args[1], Integer.parseInt(args[2]),
                Path.of(args[4]).toAbsolutePath());
        String report = bench.report();
        Files.writeString(Path.of(args[3]), report);
        System.out.println(report);
    }

    private String report() throws Exception {
        String launcher = root.resolve("agentstream").toString();
        Path jar = root.resolve("agentstream-cli/target/agentstream.jar");
        awaitAotCache(launcher, jar);
        boolean peersInstalled = McpPeers.ensure(peers);

        List<Contender> mcp = new ArrayList<>();
        mcp.add(stdio("agentstream mcp (launcher: AOT cache)", List.of(launcher, "mcp", "--root", work.toString()), Map.of()));
        mcp.add(http("agentstream mcp --http (launcher: AOT cache)", launcher));
        mcp.add(stdio("agentstream mcp, JVM + AppCDS archive (the launcher before)", jvm(jar, List.of(
                "-XX:SharedArchiveFile=" + work.resolve("agentstream.jsa"), "-XX:+AutoCreateSharedArchive"), "mcp"), Map.of()));
        mcp.add(stdio("agentstream mcp, JVM without a cache", jvm(jar, List.of(), "mcp"), Map.of()));
        if (peersInstalled) {
            mcp.add(stdio("reference filesystem server (Node)", McpPeers.filesystem(peers, work), Map.of()));
            mcp.add(stdio("Desktop Commander (Node)", McpPeers.desktopCommander(peers), McpPeers.desktopCommanderEnv(work)));
        }
        List<Contender> tool = List.of(
                firstOutput("agentstream tool bash (launcher: AOT cache)", List.of(launcher, "tool", "bash", "--input", "{\"command\":\"echo hi\"}")),
                firstOutput("bash -c 'echo hi' (the floor)", List.of("bash", "-c", "echo hi")));

        Map<String, List<Sample>> mcpSamples = interleaved(mcp);
        Map<String, List<Sample>> toolSamples = interleaved(tool);

        StringBuilder md = new StringBuilder();
        md.append("## Start-up: spawn to the first answer\n\n")
                .append("From spawning the process to the answer to `initialize` (an MCP client's connect), and from spawning ")
                .append("`agentstream tool bash` to its first output line. Every contender takes its turn in each of ").append(runs)
                .append(" rounds after one warm-up round (interleaved, so load hits all alike); medians. RSS is the process's peak ")
                .append("resident memory when the answer arrived (for stdio agentstream the launcher execs the JVM, so it is the JVM's). ")
                .append("The HTTP row is spawn to the `initialize` answer on `POST /mcp`, polling the port until it accepts.\n\n")
                .append("- Date: ").append(LocalDate.now()).append('\n')
                .append("- Machine: ").append(BenchSupport.machine()).append('\n')
                .append("- Java: ").append(BenchSupport.firstLine(java, "-version")).append("; Node: ").append(BenchSupport.firstLine("node", "--version")).append('\n')
                .append("- Peers: ").append(peersInstalled ? McpPeers.DESKTOP_COMMANDER + ", " + McpPeers.FILESYSTEM : "not installed (npm failed)").append('\n')
                .append("- Reproduce: `RUNS=").append(runs).append(" agentstream-bench/run startup`\n\n")
                .append("| server | spawn to `initialize` answer (ms) | min (ms) | RSS (MiB) |\n|---|---:|---:|---:|\n");
        table(md, mcpSamples);
        md.append("\n| command | spawn to first output (ms) | min (ms) | RSS (MiB) |\n|---|---:|---:|---:|\n");
        table(md, toolSamples);
        md.append("\nThe launcher trains its AOT caches (`-XX:AOTCacheOutput`, JDK 25) in the background on their first run, ")
                .append("the stdio server's with a scripted MCP session, the HTTP server's with one over HTTP and the one-shot `tool` runs' with a bash call, a view, a find and a tree in one JVM (`OneShotTraining`), and uses ")
                .append("them (`-XX:AOTCache`) from then on, until the jar changes; the benchmark waits for the three caches before it measures. The two JVM rows start `java` directly with the launcher's flags, without ")
                .append("the launcher script in front (which finds a JDK first); the AppCDS row is how the launcher started before.\n");
        return md.toString();
    }

    private static void table(StringBuilder md, Map<String, List<Sample>> samples) {
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            List<Sample> s = e.getValue();
            double min = s.stream().mapToDouble(Sample::ms).min().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", e.getKey(),
                    BenchSupport.median(s, Sample::ms), min, BenchSupport.median(s, Sample::rssMiB)));
        }
    }

    private Map<String, List<Sample>> interleaved(List<Contender> contenders) throws Exception {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (Contender c : contenders) {
            c.measure(); // warm-up: the page cache, and the archive the AppCDS row writes on its first run
            samples.put(c.name(), new ArrayList<>());
        }
        for (int round = 0; round < runs; round++) {
            for (Contender c : contenders) samples.get(c.name()).add(c.measure());
        }
        return samples;
    }

    // ---- the contenders

    private List<String> jvm(Path jar, List<String> cacheFlags, String... args) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:cds*=off:stderr", "-Xlog:aot*=off:stderr", "-XX:+DisplayVMOutputToStderr"));
        command.addAll(cacheFlags);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--root", work.toString()));
        return command;
    }

    private Contender stdio(String name, List<String> command, Map<String, String> env) {
        return new Contender(name, () -> {
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env);
            builder.environment().put("AGENTSTREAM_LOG", work.resolve("agentstream.log").toString());
            long start = System.nanoTime();
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream();
                 BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.write((INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String line;
                while ((line = out.readLine()) != null && !line.contains("\"id\":1")) {
                    // a server may log or notify first; only the answer counts
                }
                double ms = (System.nanoTime() - start) / 1e6;
                if (line == null || !line.contains("\"result\"")) throw new IllegalStateException(name + " gave no initialize result: " + line);
                return new Sample(ms, BenchSupport.peakRssMiB(process.pid()));
            } finally {
                awaitExit(process); // its input is closed: it ends by itself, writing any archive it makes on exit
            }
        });
    }

    private Contender http(String name, String launcher) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new Contender(name, () -> {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(launcher, "mcp", "--http", "--port", Integer.toString(port), "--root", work.toString())
                    .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("AGENTSTREAM_LOG", work.resolve("agentstream.log").toString());
            HttpRequest initialize = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).timeout(TIMEOUT).build();
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                while (true) {
                    try {
                        HttpResponse<String> response = client.send(initialize, HttpResponse.BodyHandlers.ofString());
                        double ms = (System.nanoTime() - start) / 1e6;
                        if (response.statusCode() != 200 || !response.body().contains("\"result\"")) {
                            throw new IllegalStateException(name + " answered " + response.statusCode() + ": " + response.body());
                        }
                        return new Sample(ms, BenchSupport.peakRssMiB(process.pid()));
                    } catch (ConnectException notYet) {
                        if (!process.isAlive() || System.nanoTime() - start > TIMEOUT.toNanos()) {
                            throw new IllegalStateException(name + " never listened on port " + port);
                        }
                        Thread.sleep(5);
                    }
                }
            } finally {
                stop(process);
            }
        });
    }

    private Contender firstOutput(String name, List<String> command) {
        return new Contender(name, () -> {
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("AGENTSTREAM_LOG", work.resolve("agentstream.log").toString());
            long start = System.nanoTime();
            Process process = builder.start();
            try (InputStream out = process.getInputStream()) {
                if (out.read() < 0) throw new IllegalStateException(name + " printed nothing");
                double ms = (System.nanoTime() - start) / 1e6;
                Sample sample = new Sample(ms, BenchSupport.peakRssMiB(process.pid()));
                out.transferTo(OutputStream.nullOutputStream());
                return sample;
            } finally {
                process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                stop(process);
            }
        });
    }

    /**
     * Runs the launcher once as a stdio server, once as a one-shot {@code tool} call and once as an HTTP server,
     * so it trains its three AOT caches, and waits until each is newer than the jar.
     */
    private void awaitAotCache(String launcher, Path jar) throws Exception {
        stdio("training", List.of(launcher, "mcp", "--root", work.toString()), Map.of()).measure();
        BenchSupport.awaitNewerThan(jar.resolveSibling("agentstream.aot"), jar);
        firstOutput("training", List.of(launcher, "tool", "bash", "--input", "{\"command\":\"echo hi\"}")).measure();
        BenchSupport.awaitNewerThan(jar.resolveSibling("agentstream-tool.aot"), jar);
        http("training", launcher).measure();
        BenchSupport.awaitNewerThan(jar.resolveSibling("agentstream-http.aot"), jar);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitExit(Process process) throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
