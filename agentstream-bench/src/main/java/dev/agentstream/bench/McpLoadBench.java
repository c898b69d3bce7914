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
import java.util.List;
import java.util.Locale;
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
 * command printing its own numbered lines (about 5 MiB) and asks for the whole output in its progress
 * notifications; the client checks, per session, that the chunks follow each other without gap or overlap,
 * that every line came exactly once and in order, and the SHA-256 of the whole output against the expected
 * one. It measures the time from sending {@code tools/call} to the first notification carrying output, the
 * longest pause between two notifications of a stream, the wall time, and the server's peak RSS. Prints a
 * Markdown section and writes it to OUT.md. The server's JVM gets the launcher's options for {@code mcp}; {@code MCP_LOAD_SERVER_OPTS} adds more.
 *
 * <p>Usage: {@code McpLoadBench JAVA JAR RUNS OUT.md [SESSIONS] [BYTES]} (default 200 sessions of 5 MiB).
 */
public final class McpLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENDPOINT = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/mcp)");
    private static final Duration CALL_DEADLINE = Duration.ofMinutes(11);
    /** A pause this long between two progress notifications of one stream (or before its first output) counts as a stall. */
    private static final long STALL_MS = 10_000;
    /** The request and notification {@code _meta} key of the streamed output (see the MCP README section). */
    private static final String OUTPUT_KEY = "dev.agentstream/output";
    /**
     * One line of session S: the number {@code FIRST + S * SESSION_STRIDE + N} (N from 1) and a newline, 11 bytes,
     * so every session's lines differ from every other's. Plain {@code seq FROM TO} prints them fast, so the
     * command costs little of the machine the server shares.
     */
    private static final int LINE_BYTES = 11;
    private static final long FIRST = 1_000_000_000L;
    private static final long SESSION_STRIDE = 10_000_000L;

    private final String java;
    private final String jar;
    private final int sessions;
    private final int lines;

    /** What one session saw. */
    record Outcome(double firstOutputMs, double longestPauseMs, boolean complete, long lostBytes, long duplicatedBytes, long outOfOrder,
                   long skippedChars, long repeatedChars, boolean checksumMatches, int resultChars, String problem) {}

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
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(BenchSupport.mcpJvmOptions(jar));
        if (!serverOptions().isEmpty()) command.addAll(List.of(serverOptions().split("\\s+")));
        command.addAll(List.of("-jar", jar, "mcp", "--http", "--port", "0", "--sandbox", "off"));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread stopServer = new Thread(server::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(stopServer);
        AtomicLong peakKiB = new AtomicLong();
        Thread.ofVirtual().start(() -> BenchSupport.sampleRss(server, peakKiB));
        try {
            URI endpoint = endpointOf(server);
            CountDownLatch ready = new CountDownLatch(sessions);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            long launched = System.nanoTime();
            // Platform threads, which the OS time-slices: on virtual threads (two carriers here) the sessions whose
            // streams were busy kept the carriers, so the client itself made the other sessions' output wait.
            try (ExecutorService clients = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
                for (int s = 0; s < sessions; s++) {
                    int session = s;
                    // A client of its own per session: like separate MCP clients, and no reuse of a pooled connection the server closed.
                    // The call goes on a connection of its own: the server closes a keep-alive connection after 30 s
                    // idle, and setting up all the sessions can take longer, after which a request on it gets no answer.
                    futures.add(clients.submit(() -> {
                        try (HttpClient setup = newClient(); HttpClient http = newClient()) {
                            return session(setup, http, endpoint, session, ready, go);
                        } catch (Exception e) {
                            return new Outcome(Double.NaN, 0, false, (long) lines * LINE_BYTES, 0, 0, 0, 0, false, 0, e.toString());
                        }
                    }));
                }
                ready.await();
                System.err.printf(Locale.ROOT, "%d sessions initialised in %.1f s%n", sessions, (System.nanoTime() - launched) / 1e9);
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

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())).build();
    }

    private Outcome session(HttpClient setup, HttpClient http, URI endpoint, int session, CountDownLatch ready, CountDownLatch go) throws Exception {
        String sessionId;
        try {
            HttpResponse<String> init = setup.send(post(endpoint, null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},\
                    "clientInfo":{"name":"load","version":"1"}}}""").build(), HttpResponse.BodyHandlers.ofString());
            sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            setup.send(post(endpoint, sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            ready.countDown();
        }
        go.await();
        long base = FIRST + session * SESSION_STRIDE;
        String command = "seq " + (base + 1) + " " + (base + lines);
        // The progress token asks for progress; the _meta key asks for the whole output in it (the result is the compact model view).
        String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"bash\",\"arguments\":{\"command\":"
                + JSON.writeValueAsString(command) + ",\"timeout\":600},\"_meta\":{\"progressToken\":\"p\",\"" + OUTPUT_KEY + "\":true}}}";
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = http.send(post(endpoint, sessionId, call).timeout(CALL_DEADLINE).build(), HttpResponse.BodyHandlers.ofInputStream());
        StreamCheck check = new StreamCheck(base, lines);
        double firstOutputMs = Double.NaN;
        long lastNotification = 0;
        long longestPause = 0;
        JsonNode result = null;
        try (BufferedReader sse = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = sse.readLine()) != null) {
                if (!line.startsWith("data:")) continue;
                long now = System.nanoTime();
                JsonNode message = JSON.readTree(line.substring(5));
                if (message.has("id")) {
                    result = message.path("result");
                    break;
                }
                if (!"notifications/progress".equals(message.path("method").asText())) continue;
                if (lastNotification != 0) longestPause = Math.max(longestPause, now - lastNotification);
                lastNotification = now;
                JsonNode chunk = message.path("params").path("_meta").path(OUTPUT_KEY);
                if (chunk.isMissingNode()) continue;
                String text = chunk.path("text").asText();
                check.chunk(chunk.path("offset").asLong(), text);
                if (Double.isNaN(firstOutputMs) && check.linesSeen() > 0) firstOutputMs = (now - sent) / 1e6;
            }
        } catch (IOException e) {
            return check.outcome(firstOutputMs, longestPause / 1e6, false, 0, e.toString());
        }
        try {
            http.send(HttpRequest.newBuilder(endpoint).header("Mcp-Session-Id", sessionId).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // cleanup only: the session ends with the server anyway
        }
        if (result == null) return check.outcome(firstOutputMs, longestPause / 1e6, false, 0, "no result");
        int resultChars = 0;
        for (JsonNode block : result.path("content")) resultChars += block.path("text").asText().length();
        String problem = result.path("isError").asBoolean() ? "error result: " + result.path("content").path(0).path("text").asText() : "";
        return check.outcome(firstOutputMs, longestPause / 1e6, true, resultChars, problem);
    }

    /**
     * Checks one session's output as its chunks arrive, keeping only the current line: each chunk must start
     * where the last one ended (else the characters skipped or sent twice are counted), every expected line
     * must come exactly once and in order, and the SHA-256 of the received lines must equal that of the
     * expected ones.
     */
    static final class StreamCheck {
        private final long base;
        private final int lines;
        private final MessageDigest received;
        private final MessageDigest expected;
        private final StringBuilder partial = new StringBuilder();
        private final java.util.BitSet seen = new java.util.BitSet();
        private long nextOffset;
        private long skippedChars;
        private long repeatedChars;
        private long duplicatedLines;
        private long foreignLines;
        private long linesSeen;
        private long outOfOrder;
        private int previous;

        StreamCheck(long base, int lines) throws Exception {
            this.base = base;
            this.lines = lines;
            this.received = MessageDigest.getInstance("SHA-256");
            this.expected = MessageDigest.getInstance("SHA-256");
        }

        void chunk(long offset, String text) {
            if (offset > nextOffset) skippedChars += offset - nextOffset;
            if (offset < nextOffset) repeatedChars += nextOffset - offset;
            nextOffset = offset + text.length();
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) != '\n') continue;
                partial.append(text, start, i);
                line(partial);
                partial.setLength(0);
                start = i + 1;
            }
            partial.append(text, start, text.length());
        }

        private void line(StringBuilder raw) {
            int end = raw.length();
            if (end > 0 && raw.charAt(end - 1) == '\r') end--;
            String line = raw.substring(0, end);
            received.update((line + "\n").getBytes(StandardCharsets.US_ASCII));
            long number;
            try {
                number = Long.parseLong(line);
            } catch (NumberFormatException e) {
                foreignLines++;
                return;
            }
            int n = (int) (number - base);
            if (n < 1 || n > lines) {
                foreignLines++;
                return;
            }
            linesSeen++;
            if (seen.get(n)) duplicatedLines++;
            seen.set(n);
            if (n != previous + 1) outOfOrder++;
            previous = n;
        }

        long linesSeen() {
            return linesSeen;
        }

        Outcome outcome(double firstOutputMs, double longestPauseMs, boolean complete, int resultChars, String problem) {
            if (!partial.isEmpty()) line(partial);
            for (int n = 1; n <= lines; n++) expected.update((Long.toString(base + n) + "\n").getBytes(StandardCharsets.US_ASCII));
            long missing = lines - seen.get(1, lines + 1).cardinality();
            boolean checksum = MessageDigest.isEqual(received.digest(), expected.digest());
            // A line that is no expected one (a foreign or garbled line) counts as duplicated bytes: it was not printed.
            return new Outcome(firstOutputMs, longestPauseMs, complete, missing * LINE_BYTES, (duplicatedLines + foreignLines) * LINE_BYTES, outOfOrder,
                    skippedChars, repeatedChars, checksum, resultChars, problem);
        }
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
        List<Double> worstPause = new ArrayList<>();
        long incomplete = 0;
        long lost = 0;
        long duplicated = 0;
        long sessionsWithLossOrDuplicates = 0;
        long outOfOrder = 0;
        long offsetErrors = 0;
        long badChecksums = 0;
        long stalled = 0;
        long lateFirstOutput = 0;
        long pausedStreams = 0;
        long noFirstOutput = 0;
        int largestResult = 0;
        for (Run run : runs) {
            List<Double> first = run.outcomes().stream().map(Outcome::firstOutputMs).filter(d -> !d.isNaN()).sorted().toList();
            p50.add(percentile(first, 50));
            p99.add(percentile(first, 99));
            worstPause.add(run.outcomes().stream().mapToDouble(Outcome::longestPauseMs).max().orElse(Double.NaN));
            for (Outcome o : run.outcomes()) {
                if (!o.complete()) incomplete++;
                if (Double.isNaN(o.firstOutputMs())) noFirstOutput++;
                lost += o.lostBytes();
                duplicated += o.duplicatedBytes();
                if (o.lostBytes() > 0 || o.duplicatedBytes() > 0) sessionsWithLossOrDuplicates++;
                outOfOrder += o.outOfOrder();
                offsetErrors += o.skippedChars() + o.repeatedChars();
                if (!o.checksumMatches()) badChecksums++;
                if (o.longestPauseMs() > STALL_MS || !(o.firstOutputMs() <= STALL_MS) || !o.complete()) stalled++;
                if (!(o.firstOutputMs() <= STALL_MS)) lateFirstOutput++;
                if (o.longestPauseMs() > STALL_MS) pausedStreams++;
                largestResult = Math.max(largestResult, o.resultChars());
            }
        }
        long total = (long) sessions * runs.size();
        StringBuilder md = new StringBuilder();
        md.append("## MCP under load: ").append(sessions).append(" concurrent HTTP sessions\n\n");
        md.append(String.format(Locale.ROOT, "One `agentstream mcp --http` server (`--sandbox off`, default output budget); %d sessions start a bash "
                + "call at the same moment, each printing its own numbered lines (`seq FROM TO`, %d lines of 11 bytes, a range of its own: %.1f MiB, %.0f MiB in all), with a "
                + "progress token and `_meta` `\"%s\": true`, so the server carries the whole output in its progress notifications "
                + "(chunks with their offset) and answers with the compact model view. The client (java.net.http, raw JSON-RPC over SSE) "
                + "takes every byte from those notifications and checks, per session, that each chunk starts where the last ended, that every "
                + "line came once and in order, and the SHA-256 of the whole output.%n%n",
                sessions, lines, lines * (double) LINE_BYTES / (1 << 20), sessions * (double) lines * LINE_BYTES / (1 << 20), OUTPUT_KEY));
        md.append("| figure | value |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| sessions completed | %d of %d (%d runs) |%n", total - incomplete, total, runs.size()));
        md.append(String.format(Locale.ROOT, "| bytes lost / duplicated, all sessions | %d / %d (sessions with any: %d) |%n", lost, duplicated,
                sessionsWithLossOrDuplicates));
        md.append(String.format(Locale.ROOT, "| lines out of order; chunk offsets skipped or repeated (chars) | %d; %d |%n", outOfOrder, offsetErrors));
        md.append(String.format(Locale.ROOT, "| outputs whose SHA-256 differs | %d |%n", badChecksums));
        md.append(String.format(Locale.ROOT, "| streams stalled (first output or a pause between two notifications over %d s, or no result) | %d |%n",
                STALL_MS / 1000, stalled));
        md.append(String.format(Locale.ROOT, "| of them: first output after %d s (or none); a pause over %d s | %d; %d |%n",
                STALL_MS / 1000, STALL_MS / 1000, lateFirstOutput, pausedStreams));
        md.append(String.format(Locale.ROOT, "| longest pause between two notifications of a stream (median of runs' worst) | %.0f ms |%n",
                BenchSupport.median(worstPause, d -> d)));
        md.append(String.format(Locale.ROOT, "| time to first output, p50 (median of runs) | %.0f ms |%n", BenchSupport.median(p50, d -> d)));
        md.append(String.format(Locale.ROOT, "| time to first output, p99 (median of runs) | %.0f ms |%n", BenchSupport.median(p99, d -> d)));
        md.append(String.format(Locale.ROOT, "| wall time, all sessions (median of runs) | %.1f s |%n", BenchSupport.median(runs, Run::wallSeconds)));
        md.append(String.format(Locale.ROOT, "| server peak RSS (median of runs) | %.0f MiB |%n", BenchSupport.median(runs, Run::peakRssMiB)));
        md.append(String.format(Locale.ROOT, "| largest result text (the model view) | %d chars |%n", largestResult));
        md.append("\nTime to first output runs from sending `tools/call` to the first progress notification carrying a line of the command's "
                + "output; the pauses are between two progress notifications of one stream, from its first on. Peak RSS is the server "
                + "JVM's VmHWM (the launcher's JVM options for `mcp`: `-XX:+UseSerialGC` and scripts/mcp-jvm-options").append(serverOptions().isEmpty() ? "" : ", then `" + serverOptions() + "`")
                .append("); the bash processes are not in it.");
        if (noFirstOutput > 0) md.append(" ").append(noFirstOutput).append(" sessions saw no output at all.");
        md.append("\n\n");
        md.append("Machine: ").append(BenchSupport.machine()).append("; ").append(BenchSupport.firstLine(java, "-version")).append("; ")
                .append(LocalDate.now()).append(".\n\n");
        md.append("Reproduce: `agentstream-bench/run mcp-load` (RUNS=").append(runs.size()).append(", SESSIONS=").append(sessions)
                .append(", BYTES=").append((long) lines * LINE_BYTES).append(").\n");
        return md.toString();
    }

    private static String serverOptions() {
        return System.getenv().getOrDefault("MCP_LOAD_SERVER_OPTS", "").strip();
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) return Double.NaN;
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
