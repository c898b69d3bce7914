package dev.agentstream.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Whole-process benchmark of the editor's {@code view} on a large text file, against {@code cat -n}: throughput,
 * time to the first chunk of output, peak resident memory, and the time of a small view_range at the start and
 * at the end of the file. Each figure is the median of RUNS fresh processes (after one warm-up run, which also
 * puts the file in the page cache). Prints a Markdown section to stdout.
 *
 * <p>Usage: {@code ViewBench JAVA JAR RUNS [FILE_MB]} (FILE_MB defaults to 1024).
 */
public final class ViewBench {

    private static final int DEFAULT_FILE_MB = 1024;
    private static final int BLOCK_BYTES = 1 << 20;
    private static final int RANGE_LINES = 20;
    private static final int ONE_LINE_MB = 300;

    private final String java;
    private final String jar;
    private final int runs;
    private final Path dir;
    private final Path file;
    private final Path oneLine;
    private final Path jvmTmp;
    /** The checkout's {@code agentstream} launcher, run as a user runs it (with its AOT cache for one-shot commands). */
    private final Path launcher;
    private long fileBytes;
    private long fileLines;

    private ViewBench(String java, String jar, int runs, Path dir) {
        this.java = java;
        this.jar = jar;
        this.runs = runs;
        this.dir = dir;
        this.file = dir.resolve("big.txt");
        this.oneLine = dir.resolve("one-line.txt");
        this.jvmTmp = dir.resolve("jvm-tmp");
        this.launcher = Path.of(jar).toAbsolutePath().getParent().getParent().getParent().resolve("agentstream");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: ViewBench JAVA JAR RUNS [FILE_MB]");
            System.exit(2);
        }
        int fileMb = args.length == 4 ? Integer.parseInt(args[3]) : DEFAULT_FILE_MB;
        Path dir = Files.createTempDirectory("agentstream-viewbench");
        try {
            ViewBench bench = new ViewBench(args[0], args[1], Integer.parseInt(args[2]), dir);
            bench.generate(fileMb);
            bench.generateOneLine(ONE_LINE_MB);
            System.out.println(bench.report());
        } finally {
            deleteTree(dir);
        }
    }

    /** One run: when the first chunk of output arrived, when the process ended, its peak RSS, how many bytes it printed, and the call's own time (agentstream only). */
    record Run(double firstChunkMs, double totalMs, long peakRssKiB, long stdoutBytes, int exitCode, double inToolMs) {}

    /** A source-code-like file: a 1 MiB block of lines of varied length (tabs included), written repeatedly. */
    private void generate(int megabytes) throws IOException {
        StringBuilder block = new StringBuilder(BLOCK_BYTES);
        int lines = 0;
        for (int i = 0; ; i++) {
            String line = (i % 9 == 0 ? "\t" : "    ") + "value_" + i + " = compute(" + "x".repeat(i % 50) + ", " + (i * 31 % 997) + ");\n";
            if (block.length() + line.length() > BLOCK_BYTES - 1) break; // leaves room for the padding line
            block.append(line);
            lines++;
        }
        block.append(" ".repeat(BLOCK_BYTES - block.length() - 1)).append('\n');
        lines++;
        ByteBuffer bytes = ByteBuffer.wrap(block.toString().getBytes(StandardCharsets.US_ASCII));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < megabytes; i++) {
                bytes.rewind();
                while (bytes.hasRemaining()) channel.write(bytes);
            }
        }
        fileBytes = Files.size(file);
        fileLines = (long) lines * megabytes;
    }

    /** A minified-code-like file: words and punctuation, no line break until the very end. */
    private void generateOneLine(int megabytes) throws IOException {
        StringBuilder block = new StringBuilder(BLOCK_BYTES);
        for (int i = 0; block.length() < BLOCK_BYTES - 64; i++) block.append("var v").append(i).append("=f(").append(i % 97).append(");");
        block.setLength(BLOCK_BYTES);
        ByteBuffer bytes = ByteBuffer.wrap(block.toString().getBytes(StandardCharsets.US_ASCII));
        try (FileChannel channel = FileChannel.open(oneLine, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < megabytes; i++) {
                bytes.rewind();
                while (bytes.hasRemaining()) channel.write(bytes);
            }
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }

    private List<String> agentstream(String inputJson) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"));
        command.addAll(BenchSupport.oneShotJvmOptions(jar));
        command.addAll(List.of("-Djava.io.tmpdir=" + jvmTmp, "-jar", jar, "tool", "str_replace_based_edit_tool", "--json", "--input", inputJson));
        return command;
    }

    /**
     * The same call through the launcher: its JVM options and, on JDK 25, the AOT cache it trains for one-shot
     * commands (classes and the method profiles of a training view). Its spool goes under the bench's folder
     * ({@code AGENTSTREAM_HOME}), as the other runs' does.
     */
    private List<String> launcherCommand(String inputJson) {
        return List.of("env", "AGENTSTREAM_HOME=" + jvmTmp.resolve("home"), launcher.toString(),
                "tool", "str_replace_based_edit_tool", "--json", "--input", inputJson);
    }

    /**
     * Runs the launcher once, which trains its one-shot AOT cache in the background when the jar is newer than
     * the cache, and waits for that cache (JDK 25 and newer; older JDKs have none).
     */
    private void awaitLauncherCache(List<String> command, byte[] marker) throws Exception {
        run(command, marker);
        if (Runtime.version().feature() >= 25) {
            Path jarPath = Path.of(jar).toAbsolutePath();
            BenchSupport.awaitNewerThan(jarPath.resolveSibling(jarPath.getFileName().toString().replace(".jar", "-tool.aot")), jarPath);
        }
    }

    private String viewInput(String range) {
        return viewInput(file, range);
    }

    private static String viewInput(Path file, String range) {
        return "{\"command\":\"view\",\"path\":" + BenchSupport.jsonString(file.toString()) + (range == null ? "" : ",\"view_range\":" + range) + "}";
    }

    /**
     * Runs {@code command} and reads its stdout to the end as raw bytes, never made into strings nor looked
     * through (a reader that scanned 1 GB of output, even byte by byte for line ends, would take the two cores'
     * time from the program it measures, and it read only agentstream's that way). With {@code firstChunkMarker}
     * null the first byte counts as the first chunk; else the first read holding those bytes does, and the
     * output's last line is taken from the last reads (agentstream's result event, with its {@code meta}).
     *
     * <p>The stdout is a named pipe, read with a {@link FileChannel} into direct buffers: the kernel copies each
     * read straight into them. A {@link Process}'s own stream reads into a Java array through a native buffer it
     * allocates and copies out of on every read; on two cores that reader's CPU came out of the measured
     * program's time, and more out of agentstream's, whose threads use both cores, than out of {@code cat}'s one.
     */
    private Run run(List<String> command, byte[] firstChunkMarker) throws IOException, InterruptedException {
        Files.createDirectories(jvmTmp);
        BenchSupport.sync();
        Path fifo = dir.resolve("stdout.fifo");
        Files.deleteIfExists(fifo);
        BenchSupport.makeFifo(fifo);
        // Opening a named pipe waits for the other end: the reader's open runs while start() opens it for the child.
        FutureTask<FileChannel> opened = new FutureTask<>(() -> FileChannel.open(fifo, StandardOpenOption.READ));
        Thread.ofPlatform().daemon().name("stdout-fifo-open").start(opened);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(fifo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = Thread.ofVirtual().start(() -> BenchSupport.sampleRss(process, peakRss));
        double firstMs = -1;
        long bytes = 0;
        LastReads last = new LastReads();
        MarkerScan marker = firstChunkMarker == null ? null : new MarkerScan(firstChunkMarker);
        try (FileChannel out = opened.get()) {
            int n;
            ByteBuffer buffer;
            while ((n = out.read(buffer = last.next())) >= 0) {
                last.filled(n);
                if (firstMs < 0 && n > 0 && (marker == null || marker.foundIn(buffer, n))) {
                    firstMs = (System.nanoTime() - start) / 1e6;
                }
                bytes += n;
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot read the stdout of " + String.join(" ", command), e.getCause());
        } finally {
            Files.deleteIfExists(fifo);
        }
        int exit = process.waitFor();
        double totalMs = (System.nanoTime() - start) / 1e6;
        sampler.join();
        deleteTree(jvmTmp); // the call's spool and temporary files: each run starts alike
        double inTool = marker == null ? -1 : FindTreeBench.metaNumber(last.lastLine(), "durationMs");
        return new Run(firstMs, totalMs, peakRss.get(), bytes, exit, inTool);
    }

    /**
     * The last reads of a stream, read straight into a ring of direct buffers (no copy, no scan while reading):
     * at the end, the last line they hold, which is whole when it is shorter than the ring (a result event is).
     */
    private static final class LastReads {
        private static final int SLOTS = 32;
        private final ByteBuffer[] slots = new ByteBuffer[SLOTS];
        private final int[] lengths = new int[SLOTS];
        private int current;

        LastReads() {
            for (int k = 0; k < SLOTS; k++) slots[k] = ByteBuffer.allocateDirect(1 << 16);
        }

        ByteBuffer next() {
            return slots[current].clear();
        }

        void filled(int n) {
            lengths[current] = Math.max(n, 0);
            current = (current + 1) % SLOTS;
        }

        String lastLine() {
            java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
            byte[] copy = new byte[1 << 16];
            for (int k = 0; k < SLOTS; k++) {
                int slot = (current + k) % SLOTS;
                slots[slot].get(0, copy, 0, lengths[slot]);
                tail.write(copy, 0, lengths[slot]);
            }
            byte[] b = tail.toByteArray();
            int end = b.length;
            while (end > 0 && b[end - 1] == '\n') end--;
            int from = end;
            while (from > 0 && b[from - 1] != '\n') from--;
            return new String(b, from, end - from, StandardCharsets.UTF_8);
        }
    }

    /** Finds a byte sequence in a stream read in pieces (it may be split between two). */
    private static final class MarkerScan {
        private final byte[] marker;
        private int matched;

        MarkerScan(byte[] marker) {
            this.marker = marker;
        }

        boolean foundIn(ByteBuffer b, int n) {
            for (int i = 0; i < n; i++) {
                byte c = b.get(i);
                if (c == marker[matched]) {
                    if (++matched == marker.length) return true;
                } else {
                    matched = longestPrefixEndingWith(c);
                }
            }
            return false;
        }

        /** After a mismatch: the longest prefix of the marker that the matched part followed by {@code c} ends with. */
        private int longestPrefixEndingWith(byte c) {
            for (int k = matched; k > 0; k--) { // candidate: marker[0, k) == (marker[matched - k + 1, matched) + c)
                if (marker[k - 1] != c) continue;
                boolean same = true;
                for (int j = 0; j < k - 1 && same; j++) same = marker[j] == marker[matched - k + 1 + j];
                if (same) return k;
            }
            return 0;
        }
    }

    /** The runs of a program and of its baseline, taken in turns. */
    private record Paired(List<Run> tool, List<Run> baseline) {}

    /**
     * Runs {@code tool} and {@code baseline} in turns, RUNS times each, after one warm-up run of each (page cache):
     * on a VM whose speed drifts over minutes, runs taken in turns see the same machine, where all of one
     * program's runs and then all of the other's did not.
     */
    private Paired inTurns(List<String> tool, byte[] toolFirstChunk, List<String> baseline) throws Exception {
        List<List<Run>> taken = inTurns(List.of(tool, baseline), Arrays.asList(toolFirstChunk, null));
        return new Paired(taken.get(0), taken.get(1));
    }

    /** As {@link #inTurns(List, byte[], List)} for any number of commands, each with its first-chunk marker (or null). */
    private List<List<Run>> inTurns(List<List<String>> commands, List<byte[]> markers) throws Exception {
        List<List<Run>> taken = new ArrayList<>();
        for (int c = 0; c < commands.size(); c++) {
            run(commands.get(c), markers.get(c));
            taken.add(new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) {
            for (int c = 0; c < commands.size(); c++) taken.get(c).add(checked(run(commands.get(c), markers.get(c)), commands.get(c)));
        }
        return taken;
    }

    private static Run checked(Run r, List<String> command) {
        if (r.exitCode() != 0) throw new IllegalStateException("exit code " + r.exitCode() + " from " + String.join(" ", command));
        return r;
    }

    private String report() throws Exception {
        byte[] outputEvent = "\"type\":\"output\"".getBytes(StandardCharsets.US_ASCII);
        long lastStart = fileLines - RANGE_LINES + 1;
        List<String> fullCommand = agentstream(viewInput(null));
        List<String> catCommand = List.of("cat", "-n", file.toString());
        List<String> launcherFull = launcherCommand(viewInput(null));
        List<Run> fullToolRuns = new ArrayList<>();
        List<Run> launcherRuns = new ArrayList<>();
        List<Run> fullCatRuns = new ArrayList<>();
        List<LaterCall> later = new ArrayList<>();
        awaitLauncherCache(launcherFull, outputEvent);
        try (McpViewSession session = new McpViewSession()) {
            run(fullCommand, outputEvent); // warm-ups: the page cache, and the session's first call
            run(catCommand, null);
            session.view(viewInput(null));
            deleteTree(jvmTmp);
            for (int i = 0; i < runs; i++) {
                fullToolRuns.add(checked(run(fullCommand, outputEvent), fullCommand));
                launcherRuns.add(checked(run(launcherFull, outputEvent), launcherFull));
                fullCatRuns.add(checked(run(catCommand, null), catCommand));
                BenchSupport.sync();
                later.add(session.view(viewInput(null)));
                deleteTree(jvmTmp); // as after every run: each run starts alike
            }
        }
        Paired full = new Paired(fullToolRuns, fullCatRuns);
        List<List<Run>> oneLineFull = inTurns(List.of(agentstream(viewInput(oneLine, null)), launcherCommand(viewInput(oneLine, null)),
                List.of("cat", "-n", oneLine.toString())), Arrays.asList(outputEvent, outputEvent, null));
        Paired head = inTurns(agentstream(viewInput("[1," + RANGE_LINES + "]")), outputEvent,
                List.of("sh", "-c", "head -n " + RANGE_LINES + " '" + file + "' | cat -n"));
        Paired tail = inTurns(agentstream(viewInput("[" + lastStart + ",-1]")), outputEvent,
                List.of("sh", "-c", "sed -n '" + lastStart + ",$p' '" + file + "' | cat -n"));
        List<Run> fullTool = full.tool();
        List<Run> fullCat = full.baseline();
        List<Run> oneLineTool = oneLineFull.get(0);
        List<Run> oneLineLauncher = oneLineFull.get(1);
        List<Run> oneLineCat = oneLineFull.get(2);
        List<Run> headTool = head.tool();
        List<Run> headBase = head.baseline();
        List<Run> tailTool = tail.tool();
        List<Run> tailBase = tail.baseline();

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Viewing a %.0f MB file: `str_replace_based_edit_tool` view vs `cat -n`%n%n", fileBytes / 1e6))
                .append(String.format(Locale.ROOT, "A generated source-like text file of %,d lines. Each figure is the median of %d runs of a fresh process ", fileLines, runs))
                .append("(after one warm-up run, so the file is in the page cache), agentstream's and the baseline's taken in turns; the agentstream runs are `agentstream tool str_replace_based_edit_tool --json` ")
                .append("with its stdout read to the end, so every chunk is an NDJSON event (a view writes no spool copy: the file is its full output). ")
                .append("Every run starts after a `sync` (no write-back of the generated files going on beside it), ")
                .append("and every program's stdout is a named pipe the bench reads with a `FileChannel` into direct buffers, the cheapest reader Java has.\n\n");
        md.append("| full view | whole call (ms) | in-tool (ms) | in-tool / `cat -n` | MB/s of the file | first chunk (ms) | peak RSS (MiB) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n")
                .append(fullRow("agentstream (--json)", fullTool, fileBytes, fullCat))
                .append(fullRow("agentstream (--json), through the launcher", launcherRuns, fileBytes, fullCat))
                .append(laterRow(later, fileBytes, fullCat))
                .append(fullRow("`cat -n` (baseline, no JVM)", fullCat, fileBytes, fullCat))
                .append(fullRow(String.format(Locale.ROOT, "agentstream, one %d MB line", ONE_LINE_MB), oneLineTool, Files.size(oneLine), oneLineCat))
                .append(fullRow(String.format(Locale.ROOT, "agentstream, one %d MB line, through the launcher", ONE_LINE_MB), oneLineLauncher, Files.size(oneLine), oneLineCat))
                .append(fullRow(String.format(Locale.ROOT, "`cat -n`, one %d MB line", ONE_LINE_MB), oneLineCat, Files.size(oneLine), oneLineCat));
        md.append("\n| view_range of ").append(RANGE_LINES).append(" lines | whole call (ms) | peak RSS (MiB) |\n|---|---:|---:|\n")
                .append(rangeRow("agentstream [1, " + RANGE_LINES + "]", headTool))
                .append(rangeRow("`head -n " + RANGE_LINES + " \\| cat -n`", headBase))
                .append(rangeRow(String.format(Locale.ROOT, "agentstream [%,d, -1] (the last lines)", lastStart), tailTool))
                .append(rangeRow(String.format(Locale.ROOT, "`sed -n '%d,$p' \\| cat -n`", lastStart), tailBase))
                .append("\nIn-tool is the call's own `meta.durationMs` (without the JVM's start-up), set against `cat -n`'s whole run on the same file. ")
                .append("The first row starts `java -jar` with the launcher's JVM options; the second is `./agentstream tool ...` itself, as a user ")
                .append("runs it, which on JDK 25 adds the AOT cache the launcher trains for one-shot commands (their classes, and the method ")
                .append("profiles of a bash call, a view, a find and a tree: `OneShotTraining`), taken in turns with the first and `cat -n`. ")
                .append("The later call is a view in a running `agentstream mcp` session (stdio) that has viewed the file once, so the JIT has compiled ")
                .append("the view's loops; as for any MCP call whose client did not ask for the full output, its chunks go to the ")
                .append("model view, and the client gets progress notifications and the result, not the 1.2 GB of numbered text. ")
                .append("The whole-call figures include starting a JVM; a range stops reading at its last line, and lines before it ")
                .append("are skipped by counting line-feed bytes, without decoding.\n");
        return md.toString();
    }

    /** The full view as a later call of a running {@code agentstream mcp} session (the JIT has compiled the view's loops). */
    private String laterRow(List<LaterCall> later, long bytes, List<Run> cat) {
        double roundTrip = BenchSupport.median(later, LaterCall::roundTripMs);
        double inTool = BenchSupport.median(later, LaterCall::inToolMs);
        return String.format(Locale.ROOT, "| agentstream, later call (`mcp` session, calls 2-%d) | %.0f | %.0f | %.2f | %.1f | - | - |%n",
                runs + 1, roundTrip, inTool, inTool / BenchSupport.median(cat, Run::totalMs), bytes / 1e6 / (inTool / 1000));
    }

    /** A view call in a running {@code mcp} session: the tools/call round trip and the tool's own time. */
    record LaterCall(double roundTripMs, double inToolMs) {}

    /**
     * An {@code agentstream mcp} server over stdio, started as an MCP client starts it, with the launcher's JVM options
     * for it. Its calls ask for progress (a token), not for the full output: the result is the model view.
     */
    private final class McpViewSession implements AutoCloseable {
        private final StdioMcpSession session;

        McpViewSession() throws IOException {
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"));
            command.addAll(BenchSupport.mcpJvmOptions(jar));
            command.addAll(List.of("-Djava.io.tmpdir=" + jvmTmp, "-jar", jar, "mcp", "--root", dir.toString()));
            session = new StdioMcpSession(command, "view-bench");
        }

        LaterCall view(String arguments) throws IOException {
            long start = System.nanoTime();
            String response = session.request("tools/call", "{\"name\":\"str_replace_based_edit_tool\",\"arguments\":" + arguments
                    + ",\"_meta\":{\"progressToken\":" + session.nextId() + "}}");
            double roundTrip = (System.nanoTime() - start) / 1e6;
            if (response.contains("\"isError\":true") || FindTreeBench.metaNumber(response, "durationMs") < 0) {
                throw new IllegalStateException("view in the mcp session failed: " + response.substring(0, Math.min(500, response.length())));
            }
            return new LaterCall(roundTrip, FindTreeBench.metaNumber(response, "durationMs"));
        }

        @Override
        public void close() throws IOException, InterruptedException {
            session.close();
        }
    }

    private static String fullRow(String label, List<Run> runs, long bytes, List<Run> cat) {
        double ms = BenchSupport.median(runs, Run::totalMs);
        double inTool = BenchSupport.median(runs, Run::inToolMs);
        String inToolCells = inTool < 0 ? "- | -"
                : String.format(Locale.ROOT, "%.0f | %.2f", inTool, inTool / BenchSupport.median(cat, Run::totalMs));
        return String.format(Locale.ROOT, "| %s | %.0f | %s | %.1f | %.0f | %s |%n", label, ms, inToolCells, bytes / 1e6 / (ms / 1000),
                BenchSupport.median(runs, Run::firstChunkMs), peakRss(runs));
    }

    private static String rangeRow(String label, List<Run> runs) {
        return String.format(Locale.ROOT, "| %s | %.0f | %s |%n", label, BenchSupport.median(runs, Run::totalMs), peakRss(runs));
    }

    /** A process that ends within the first 20 ms sampling gap leaves no reading: say so rather than print 0. */
    private static String peakRss(List<Run> runs) {
        double mib = BenchSupport.median(runs, r -> r.peakRssKiB() / 1024.0);
        return mib > 0 ? String.format(Locale.ROOT, "%.0f", mib) : "too brief to sample";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
