package dev.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many MCP sessions at once through one {@code agentstream mcp --http} server: each session runs a bash
 * command printing its own deterministic lines (about 5 MiB), with progress, and the client checks that the
 * result holds every line exactly once, in order (SHA-256 of the whole output against the expected one).
 * It measures the time from sending {@code tools/call} to the first progress carrying output, the longest
 * pause between two events of a stream, the wall time, and the server's peak RSS. The output budget is set
 * above the output's size, so every byte travels in the result. Prints a Markdown section and writes it to
 * OUT.md.
 *
 * <p>Usage: {@code McpLoadBench JAVA JAR RUNS OUT.md [SESSIONS] [BYTES]} (default 200 sessions of 5 MiB).
 */
public final class McpLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/mcp)");
    private static final Duration CALL_DEADLINE = Duration.ofMinutes(4);
    /** A pause this long between two events of one stream counts as a stall. */
    private static final long STALL_MS = 30_000;
    /** One line of session S: {@code sSSS-NNNNNNNNN} and a newline, 15 bytes. */
    private static final int LINE_BYTES = 15;

    private final String java;
    private final String jar;
    private final int sessions;
    private final int lines;

    /** What one session saw. */
    record Outcome(double firstOutputMs, double longestPauseMs, boolean complete, long missing, long duplicated, long outOfOrder,
                   boolean checksumMatches, String problem) {}

    /** What one run saw. */
    record Run(List<Outcome> outcomes, double wallSeconds, double peakRssMiB) {}

    private McpLoadBench(String java, String jar, int sessions, long bytes) {
        this.java = java;
        this.jar = jar;
        this.sessions = sessions;
        this.lines = (int) (bytes / LINE_BYTES);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: McpLoadBench JAVA JAR RUNS OUT.md [SESSIONS] [BYTES]");
            System.exit(2);
        }
        int sessions = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        long bytes = args.length > 5 ? Long.parseLong(args[5]) : 5L * 1024 * 1024;
        McpLoadBench bench = new McpLoadBench(args[0], args[1], sessions, bytes);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            Run run = bench.run();
            System.err.printf(Locale.ROOT, "run %d: %.1f s, peak RSS %.0f MiB, complete %d/%d%n", i + 1, run.wallSeconds(), run.peakRssMiB(),
                    run.outcomes().stream().filter(Outcome::complete).count(), sessions);
            run.outcomes().stream().map(Outcome::problem).filter(p -> !p.isEmpty()).distinct().limit(5)
                    .forEach(problem -> System.err.println("  problem: " + problem));
            runs.add(run);
        }
        String report = bench.report(runs);
        Files.writeString(Path.of(args[3]), report);
        System.out.println(report);
    }

    private Run run() throws Exception {
        Process server = new ProcessBuilder(java, "-jar", jar, "mcp", "--http", "--port", "0", "--sandbox", "off",
                "--budget", Integer.toString(lines * LINE_BYTES + 100_000))
                .redirectErrorStream(true).start();
        Thread stopServer = new Thread(server::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(stopServer);
        AtomicLong peakKiB = new AtomicLong();
        Thread.ofVirtual().start(() -> BenchSupport.sampleRss(server, peakKiB));
        try {
            URI endpoint = endpointOf(server);
            CountDownLatch ready = new CountDownLatch(sessions);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int s = 0; s < sessions; s++) {
                    int session = s;
                    // A client of its own per session: like separate MCP clients, and no reuse of a pooled connection the server closed.
                    futures.add(clients.submit(() -> {
                        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
                            return session(http, endpoint, session, ready, go);
                        } catch (Exception e) {
                            return new Outcome(Double.NaN, 0, false, lines, 0, 0, false, e.toString());
                        }
                    }));
                }
                ready.await();
                long started = System.nanoTime();
                go.countDown();
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> future : futures) outcomes.add(future.get());
                double wall = (System.nanoTime() - started) / 1e9;
                return new Run(outcomes, wall, peakKiB.get() / 1024.0);
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(stopServer);
        }
    }

    private static URI endpointOf(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                // keep draining what the server prints, so it never blocks on a full pipe
                Thread.ofVirtual().start(() -> {
                    try {
                        out.transferTo(Writer.nullWriter());
                    } catch (IOException e) {
                        // the server is gone
                    }
                });
                return URI.create(m.group(1));
            }
        }
        throw new IOException("the server did not announce its endpoint");
    }

    private Outcome session(HttpClient http, URI endpoint, int session, CountDownLatch ready, CountDownLatch go) throws Exception {
        String sessionId;
        try {
            HttpResponse<String> init = http.send(post(endpoint, null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},\
                    "clientInfo":{"name":"load","version":"1"}}}""").build(), HttpResponse.BodyHandlers.ofString());
            sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.send(post(endpoint, sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            ready.countDown();
        }
        go.await();
        String prefix = String.format(Locale.ROOT, "s%03d-", session);
        String command = "seq -f '" + prefix + "%09g' 1 " + lines;
        String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"bash\",\"arguments\":{\"command\":"
                + JSON.writeValueAsString(command) + ",\"timeout\":600},\"_meta\":{\"progressToken\":\"p\"}}}";
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = http.send(post(endpoint, sessionId, call).timeout(CALL_DEADLINE).build(), HttpResponse.BodyHandlers.ofInputStream());
        double firstOutputMs = Double.NaN;
        long lastEvent = sent;
        long longestPause = 0;
        JsonNode result = null;
        try (BufferedReader sse = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = sse.readLine()) != null) {
                if (!line.startsWith("data:")) continue;
                long now = System.nanoTime();
                longestPause = Math.max(longestPause, now - lastEvent);
                lastEvent = now;
                JsonNode message = JSON.readTree(line.substring(5));
                if (message.has("id")) {
                    result = message.path("result");
                    break;
                }
                if (Double.isNaN(firstOutputMs) && message.path("params").path("message").asText().contains(prefix)) {
                    firstOutputMs = (now - sent) / 1e6;
                }
            }
        } catch (IOException e) {
            return new Outcome(firstOutputMs, longestPause / 1e6, false, lines, 0, 0, false, e.toString());
        }
        try {
            http.send(HttpRequest.newBuilder(endpoint).header("Mcp-Session-Id", sessionId).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // cleanup only: the session ends with the server anyway
        }
        if (result == null) return new Outcome(firstOutputMs, longestPause / 1e6, false, lines, 0, 0, false, "no result");
        return check(result, prefix, firstOutputMs, longestPause / 1e6);
    }

    /** Every expected line exactly once, in order, and the same SHA-256 as the output the command printed. */
    private Outcome check(JsonNode result, String prefix, double firstOutputMs, double longestPauseMs) throws Exception {
        StringBuilder text = new StringBuilder();
        result.path("content").forEach(block -> text.append(block.path("text").asText()));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        Set<Integer> seen = new HashSet<>();
        long duplicated = 0;
        long outOfOrder = 0;
        int previous = 0;
        for (String line : text.toString().split("\n")) {
            if (!line.startsWith(prefix)) continue;
            received.update((line + "\n").getBytes(StandardCharsets.US_ASCII));
            int n = Integer.parseInt(line.substring(prefix.length()));
            if (!seen.add(n)) duplicated++;
            if (n != previous + 1) outOfOrder++;
            previous = n;
        }
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (int n = 1; n <= lines; n++) expected.update(String.format(Locale.ROOT, "%s%09d\n", prefix, n).getBytes(StandardCharsets.US_ASCII));
        long missing = lines - seen.size();
        boolean checksum = MessageDigest.isEqual(received.digest(), expected.digest());
        String problem = result.path("isError").asBoolean() ? "error result" : "";
        return new Outcome(firstOutputMs, longestPauseMs, true, missing, duplicated, outOfOrder, checksum, problem);
    }

    private static HttpRequest.Builder post(URI endpoint, String sessionId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (sessionId != null) request.header("Mcp-Session-Id", sessionId);
        return request;
    }

    private String report(List<Run> runs) throws IOException, InterruptedException {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        long incomplete = 0;
        long missing = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long badChecksums = 0;
        long stalled = 0;
        double longestPause = 0;
        for (Run run : runs) {
            List<Double> first = run.outcomes().stream().map(Outcome::firstOutputMs).filter(d -> !d.isNaN()).sorted().toList();
            p50.add(percentile(first, 50));
            p99.add(percentile(first, 99));
            for (Outcome o : run.outcomes()) {
                if (!o.complete()) incomplete++;
                missing += o.missing();
                duplicated += o.duplicated();
                outOfOrder += o.outOfOrder();
                if (!o.checksumMatches()) badChecksums++;
                if (o.longestPauseMs() > STALL_MS || !o.complete()) stalled++;
                longestPause = Math.max(longestPause, o.longestPauseMs());
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("## MCP under load: ").append(sessions).append(" concurrent HTTP sessions\n\n");
        md.append(String.format(Locale.ROOT, "One `agentstream mcp --http` server (`--sandbox off`, `--budget` above the output size, so "
                + "every byte travels in the result); %d sessions start a bash call at the same moment, each printing its own %d lines "
                + "(%.1f MiB, %.0f MiB in all) with a progress token. The client (java.net.http, raw JSON-RPC over SSE) checks every "
                + "line arrived once and in order, and the SHA-256 of the whole output.%n%n",
                sessions, lines, lines * (double) LINE_BYTES / (1 << 20), sessions * (double) lines * LINE_BYTES / (1 << 20)));
        md.append("| figure | value |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| sessions completed | %d of %d (%d runs) |%n", (long) sessions * runs.size() - incomplete,
                (long) sessions * runs.size(), runs.size()));
        md.append(String.format(Locale.ROOT, "| lines missing / duplicated / out of order | %d / %d / %d |%n", missing, duplicated, outOfOrder));
        md.append(String.format(Locale.ROOT, "| outputs whose SHA-256 differs | %d |%n", badChecksums));
        md.append(String.format(Locale.ROOT, "| streams stalled (a pause over %d s, or no result) | %d |%n", STALL_MS / 1000, stalled));
        md.append(String.format(Locale.ROOT, "| longest pause between two events of a stream | %.0f ms |%n", longestPause));
        md.append(String.format(Locale.ROOT, "| time to first output, p50 (median of runs) | %.0f ms |%n", BenchSupport.median(p50, d -> d)));
        md.append(String.format(Locale.ROOT, "| time to first output, p99 (median of runs) | %.0f ms |%n", BenchSupport.median(p99, d -> d)));
        md.append(String.format(Locale.ROOT, "| wall time, all sessions (median of runs) | %.1f s |%n", BenchSupport.median(runs, Run::wallSeconds)));
        md.append(String.format(Locale.ROOT, "| server peak RSS (median of runs) | %.0f MiB |%n", BenchSupport.median(runs, Run::peakRssMiB)));
        md.append("\nTime to first output runs from sending `tools/call` to the first progress notification that carries a line of "
                + "the command's output. Peak RSS is the server JVM's VmHWM (default heap settings); the bash processes are not in it.\n\n");
        md.append("Machine: ").append(BenchSupport.machine()).append("; ").append(BenchSupport.firstLine(java, "-version")).append("; ")
                .append(LocalDate.now()).append(".\n\n");
        md.append("Reproduce: `agentstream-bench/run mcp-load` (RUNS=").append(runs.size()).append(").\n");
        return md.toString();
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) return Double.NaN;
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
