package dev.agentstream.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process benchmark of the {@code find} and {@code tree} tools against the programs people use
 * instead: {@code rg} and {@code grep -rn} for search, {@code find DIR | wc -l} for walking a tree. Every
 * figure is the median of several runs of a fresh process (after one warm-up run, so the page cache is
 * warm for everyone). Prints a Markdown section.
 *
 * <p>Usage: {@code FindTreeBench JAVA JAR RUNS WORKDIR [SEARCH_BYTES] [TREE_ENTRIES] [SOURCE_TREE]}: the corpora are
 * generated under WORKDIR once (about SEARCH_BYTES, default 1 GB, of text in files of about 10 KB; and a
 * tree of TREE_ENTRIES entries, default 1,000,000; 0 leaves the tree walk out) and reused while their parameters stay the same; a real
 * SOURCE_TREE (e.g. /usr/include) is searched as it is. agentstream also reports its own time for the
 * call ({@code meta.durationMs}, without the JVM's start-up), read from its {@code --json} result.
 */
public final class FindTreeBench {

    private static final long DEFAULT_SEARCH_BYTES = 1_000_000_000L;
    private static final int DEFAULT_TREE_ENTRIES = 1_000_000;
    private static final int FILE_BYTES = 10_000;
    private static final int FILES_PER_FOLDER = 100;
    private static final int FOLDERS_PER_GROUP = 10;

    private static final String LITERAL = "needle_7f3a";
    private static final String LITERAL_EVERY = "every 20th file";
    private static final String REGEX = "timeout after [0-9]+ ms";
    private static final String IGNORE_CASE = "connection reset";

    private static final String[] WORDS = ("the request handler returns a value from cache when the key is present "
            + "otherwise it loads config parses json and writes the result to disk while a worker thread polls "
            + "queue for new jobs retry backoff timeout error warning info debug trace user session token buffer "
            + "stream socket server client index table column row commit merge branch build test deploy").split(" ");

    private final String java;
    private final String jar;
    private final int runs;
    /** The JVM's temporary folder, so agentstream spools there and its start-up sweep of old spools has only the bench's own. */
    private final Path jvmTmp;

    private FindTreeBench(String java, String jar, int runs, Path jvmTmp) {
        this.java = java;
        this.jar = jar;
        this.runs = runs;
        this.jvmTmp = jvmTmp;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 7) {
            System.err.println("usage: FindTreeBench JAVA JAR RUNS WORKDIR [SEARCH_BYTES] [TREE_ENTRIES] [SOURCE_TREE]");
            System.exit(2);
        }
        long searchBytes = args.length > 4 ? Long.parseLong(args[4]) : DEFAULT_SEARCH_BYTES;
        int treeEntries = args.length > 5 ? Integer.parseInt(args[5]) : DEFAULT_TREE_ENTRIES;
        Path work = Files.createDirectories(Path.of(args[3]));
        Path searchCorpus = work.resolve("search-corpus");
        Path treeCorpus = work.resolve("tree-corpus");
        System.err.println("preparing " + searchBytes / 1_000_000 + " MB search corpus and " + treeEntries + "-entry tree under " + work);
        if (searchBytes > 0) generateSearchCorpus(searchCorpus, searchBytes); // 0: the tree part only
        if (treeEntries > 0) generateTree(treeCorpus, treeEntries); // 0: the search part only
        Path jvmTmp = work.resolve("jvm-tmp");
        deleteTree(jvmTmp);
        Files.createDirectories(jvmTmp);
        FindTreeBench bench = new FindTreeBench(args[0], args[1], Integer.parseInt(args[2]), jvmTmp);
        Path sourceTree = args.length > 6 ? Path.of(args[6]) : null;
        System.out.println(bench.report(searchCorpus, searchBytes, treeCorpus, treeEntries, sourceTree));
    }

    /** One run of a process: wall time, the lines it printed, its peak resident memory. */
    record Run(double totalMs, double firstOutputMs, long stdoutLines, String lastLine, long peakRssKiB, int exitCode) {}

    private Run run(List<String> command, boolean json) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("AGENTSTREAM_HOME"); // the spool goes to -Djava.io.tmpdir
        Process process = builder.start();
        process.getOutputStream().close();
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = Thread.ofVirtual().start(() -> BenchSupport.sampleRss(process, peakRss));
        long lines = 0;
        double firstOutputMs = -1;
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (firstOutputMs < 0 && (!json || line.contains("\"type\":\"output\""))) {
                    firstOutputMs = (System.nanoTime() - start) / 1e6;
                }
                lines++;
                if (!line.isEmpty()) last = line;
            }
        }
        int exit = process.waitFor();
        double totalMs = (System.nanoTime() - start) / 1e6;
        sampler.join();
        return new Run(totalMs, firstOutputMs, lines, last, peakRss.get(), exit);
    }

    /** One warm-up run, then {@code runs} measured ones; grep exits 1 when nothing matched, which is no failure. */
    private List<Run> repeat(List<String> command, boolean json) throws Exception {
        run(command, json);
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) all.add(checked(run(command, json), command));
        return all;
    }

    private List<String> agentstream(String tool, String inputJson, boolean json) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"));
        command.addAll(BenchSupport.oneShotJvmOptions(jar));
        command.addAll(List.of("-Djava.io.tmpdir=" + jvmTmp, "-jar", jar, "tool", tool));
        command.add(json ? "--json" : "--buffered");
        command.add("--input");
        command.add(inputJson);
        return command;
    }

    private static String findInput(Path dir, String pattern, boolean regex, boolean caseSensitive) {
        return "{\"path\":" + BenchSupport.jsonString(dir.toString()) + ",\"pattern\":" + BenchSupport.jsonString(pattern) + ",\"regex\":" + regex
                + ",\"case_sensitive\":" + caseSensitive + ",\"max_results\":1000000}";
    }

    private String report(Path searchCorpus, long searchBytes, Path treeCorpus, int treeEntries, Path sourceTree) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("## find and tree\n\n")
                .append("Whole-process figures, as a user runs them: each run starts a fresh process and reads all of its stdout. ")
                .append("Every figure is the median of ").append(runs).append(" runs after one warm-up run (page cache warm for every program). ")
                .append("agentstream runs with `--json` (every output event, then the result, whose model view keeps 30,000 characters ")
                .append("and whose `meta.durationMs` is the tool's own time, given as in-tool); ")
                .append("rg and grep print every match. ")
                .append("Each search runs every program in turn, round after round (one warm-up round first), so a disturbance of the machine ")
                .append("hits them all alike. agentstream is measured twice: its first call, in a fresh process (`tool find`: the JIT has ")
                .append("compiled nothing yet), and a later call in a running `agentstream mcp` session that has already searched once, ")
                .append("as a server answers (its whole-run column is the tools/call round trip). The ratio is in-tool time over rg's whole run.\n\n")
                .append("- Machine: ").append(BenchSupport.machine()).append('\n')
                .append("- Java: ").append(javaVersion()).append('\n')
                .append("- rg: ").append(BenchSupport.firstLine("rg", "--version")).append("; grep: ").append(BenchSupport.firstLine("grep", "--version")).append('\n')
                .append(String.format(Locale.ROOT, "- Search corpus: %,d files, %,.0f MB of text (about 10 KB per file, %d files per folder); ",
                        countFiles(searchBytes), searchBytes / 1e6, FILES_PER_FOLDER))
                .append("`").append(LITERAL).append("` in ").append(LITERAL_EVERY).append("\n")
                .append(String.format(Locale.ROOT, "- Tree: %,d entries (folders of empty files)%n", treeEntries))
                .append("- agentstream spools under the bench's own `-Djava.io.tmpdir`, so the sweep of old spool folders every process starts ")
                .append("with (in the background) has only the bench's own to look at, not the machine's shared spool\n")
                .append("- Reproduce: `FindTreeBench JAVA JAR RUNS WORKDIR [SEARCH_BYTES] [TREE_ENTRIES] [SOURCE_TREE]` (agentstream-bench)\n\n");

        if (searchBytes > 0 || sourceTree != null) searchSection(md, searchCorpus, searchBytes, sourceTree);
        if (treeEntries > 0) treeSection(md, treeCorpus);
        return md.toString();
    }

    private void searchSection(StringBuilder md, Path searchCorpus, long searchBytes, Path sourceTree) throws Exception {
        md.append("### Search\n\n");
        if (searchBytes > 0) searchCorpusRows(md, searchCorpus, searchBytes); // 0 with a SOURCE_TREE: that tree alone
        if (sourceTree != null) {
            long treeBytes = treeBytes(sourceTree);
            md.append(String.format(Locale.ROOT, "%nA real source tree: `%s`, %,.0f MB.%n%n", sourceTree, treeBytes / 1e6)).append(SEARCH_HEADER);
            searchRows(md, "literal `EINVAL`", sourceTree, treeBytes, findInput(sourceTree, "EINVAL", false, true),
                    List.of("rg", "-n", "--no-heading", "-F", "EINVAL", sourceTree.toString()),
                    List.of("grep", "-rn", "-F", "EINVAL", sourceTree.toString()));
            searchRows(md, "regex `struct [a-z_]+_ops`", sourceTree, treeBytes, findInput(sourceTree, "struct [a-z_]+_ops", true, true),
                    List.of("rg", "-n", "--no-heading", "-e", "struct [a-z_]+_ops", sourceTree.toString()),
                    List.of("grep", "-rnE", "struct [a-z_]+_ops", sourceTree.toString()));
            searchRows(md, "ignoring case `invalid argument`", sourceTree, treeBytes, findInput(sourceTree, "invalid argument", false, false),
                    List.of("rg", "-n", "--no-heading", "-i", "-F", "invalid argument", sourceTree.toString()),
                    List.of("grep", "-rni", "-F", "invalid argument", sourceTree.toString()));
        }
    }

    private void searchCorpusRows(StringBuilder md, Path searchCorpus, long searchBytes) throws Exception {
        md.append(SEARCH_HEADER);
        searchRows(md, "literal `" + LITERAL + "`", searchCorpus, searchBytes,
                findInput(searchCorpus, LITERAL, false, true),
                List.of("rg", "-n", "--no-heading", "-F", LITERAL, searchCorpus.toString()),
                List.of("grep", "-rn", "-F", LITERAL, searchCorpus.toString()));
        searchRows(md, "regex `" + REGEX + "`", searchCorpus, searchBytes,
                findInput(searchCorpus, REGEX, true, true),
                List.of("rg", "-n", "--no-heading", "-e", REGEX, searchCorpus.toString()),
                List.of("grep", "-rnE", REGEX, searchCorpus.toString()));
        searchRows(md, "ignoring case `" + IGNORE_CASE + "`", searchCorpus, searchBytes,
                findInput(searchCorpus, IGNORE_CASE, false, false),
                List.of("rg", "-n", "--no-heading", "-i", "-F", IGNORE_CASE, searchCorpus.toString()),
                List.of("grep", "-rni", "-F", IGNORE_CASE, searchCorpus.toString()));

        List<Run> streaming = repeat(agentstream("find", findInput(searchCorpus, LITERAL, false, true), true), true);
        md.append(String.format(Locale.ROOT, "%nStreaming (`--json`), the first match reaches the reader %.0f ms after the process starts "
                        + "(whole run %.0f ms). agentstream's figures include starting a JVM (about %s).%n%n",
                BenchSupport.median(streaming, Run::firstOutputMs), BenchSupport.median(streaming, Run::totalMs), jvmStartup()));
    }

    private void treeSection(StringBuilder md, Path treeCorpus) throws Exception {
        md.append("### Tree walk\n\n")
                .append("| program | whole run (ms) | entries counted | peak RSS (MiB) |\n|---|---:|---:|---:|\n");
        List<Run> tree = repeat(agentstream("tree", "{\"path\":" + BenchSupport.jsonString(treeCorpus.toString()) + ",\"max_depth\":100}", true), true);
        List<Run> find = repeat(List.of("bash", "-c", "find " + shellQuote(treeCorpus.toString()) + " | wc -l"), false);
        List<Run> treeProgram = repeat(List.of("tree", "-a", "--noreport", treeCorpus.toString()), false);
        Path emptyFolder = Files.createDirectories(jvmTmp.resolve("empty-folder"));
        List<Run> treeOfNothing = repeat(agentstream("tree", "{\"path\":" + BenchSupport.jsonString(emptyFolder.toString()) + "}", true), true);
        md.append(String.format(Locale.ROOT, "| agentstream `tree` (max_depth 100, draws 1,000 entries, counts the rest; in-tool %.0f ms) | %.0f | %s | %s |%n",
                BenchSupport.median(tree, r -> metaNumber(r.lastLine(), "durationMs")), BenchSupport.median(tree, Run::totalMs),
                String.format(Locale.ROOT, "%,d", (long) (metaNumber(tree.getLast().lastLine(), "directories") + metaNumber(tree.getLast().lastLine(), "files"))),
                rss(tree)));
        md.append(String.format(Locale.ROOT, "| agentstream `tree` of an empty folder (the process's floor) | %.0f | 0 | %s |%n",
                BenchSupport.median(treeOfNothing, Run::totalMs), rss(treeOfNothing)));
        md.append(String.format(Locale.ROOT, "| `tree -a --noreport DIR` (%s) | %.0f | %,d | %s |%n", BenchSupport.firstLine("tree", "--version").split(" ©")[0],
                BenchSupport.median(treeProgram, Run::totalMs), treeProgram.getLast().stdoutLines() - 1, rss(treeProgram)));
        md.append(String.format(Locale.ROOT, "| `find DIR \\| wc -l` | %.0f | %s | - |%n", BenchSupport.median(find, Run::totalMs),
                String.format(Locale.ROOT, "%,d", Long.parseLong(find.getLast().lastLine().strip()) - 1)));
        md.append("\nTo tell folders from files the tree tool stats entries only until a folder's link count says no subfolders ")
                .append("are left (ext4, xfs, tmpfs; every entry elsewhere); `find` reads the type from the directory listing. ")
                .append("Peak RSS is the kernel's VmHWM of the process (a dash: the process ended before it was sampled).\n");
    }

    private static final String SEARCH_HEADER = "| search | program | whole run (ms) | in-tool (ms) | in-tool / rg | MB/s | matches | peak RSS (MiB) |\n"
            + "|---|---|---:|---:|---:|---:|---:|---:|\n";

    /**
     * One search, every program in turn within each round (so a disturbance of the machine hits them all
     * alike): agentstream as a fresh process (its first call: the JIT has compiled nothing yet), a call in an
     * {@code agentstream mcp} session that has already searched (as a server answers later calls), rg and grep.
     */
    private void searchRows(StringBuilder md, String label, Path corpus, long bytes, String input, List<String> rg, List<String> grep)
            throws Exception {
        List<String> fresh = agentstream("find", input, true);
        List<Run> ours = new ArrayList<>();
        List<Run> rgRuns = new ArrayList<>();
        List<Run> grepRuns = new ArrayList<>();
        List<LaterCall> later = new ArrayList<>();
        try (McpSession session = new McpSession(corpus)) {
            run(fresh, true); // page cache warm for all
            run(rg, false);
            run(grep, false);
            session.find(input); // the session's first call: from here on it is a server that has searched
            for (int i = 0; i < runs; i++) {
                ours.add(checked(run(fresh, true), fresh));
                rgRuns.add(checked(run(rg, false), rg));
                grepRuns.add(checked(run(grep, false), grep));
                later.add(session.find(input));
            }
        }
        double rgMs = BenchSupport.median(rgRuns, Run::totalMs);
        double inTool = BenchSupport.median(ours, r -> metaNumber(r.lastLine(), "durationMs"));
        md.append(searchRow(label, "agentstream `find`, first call (fresh process)", ours, bytes, (long) metaNumber(ours.getLast().lastLine(), "matches"),
                String.format(Locale.ROOT, "%.0f | %.2f", inTool, inTool / rgMs)));
        double laterInTool = BenchSupport.median(later, LaterCall::inToolMs);
        double laterRoundTrip = BenchSupport.median(later, LaterCall::roundTripMs);
        md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %.0f | %,d | - |%n", label,
                "agentstream `find`, later call (`mcp` session, calls 2-" + (runs + 1) + ")", laterRoundTrip, laterInTool, laterInTool / rgMs,
                bytes / 1e6 / (laterInTool / 1000), later.getLast().matches()));
        md.append(searchRow(label, "`" + String.join(" ", rg.subList(0, rg.size() - 1)) + " DIR`", rgRuns, bytes,
                rgRuns.getLast().stdoutLines(), "- | 1.00"));
        double grepMs = BenchSupport.median(grepRuns, Run::totalMs);
        md.append(searchRow(label, "`" + String.join(" ", grep.subList(0, grep.size() - 1)) + " DIR`", grepRuns, bytes,
                grepRuns.getLast().stdoutLines(), String.format(Locale.ROOT, "- | %.2f", grepMs / rgMs)));
    }

    /** grep exits 1 when nothing matched, which is no failure. */
    private static Run checked(Run r, List<String> command) {
        if (r.exitCode() > 1) throw new IllegalStateException("exit code " + r.exitCode() + ": " + String.join(" ", command));
        return r;
    }

    /** A find call in a running {@code mcp} session: the tools/call round trip, the tool's own time, its matches. */
    record LaterCall(double roundTripMs, double inToolMs, long matches) {}

    /** An {@code agentstream mcp} server over stdio, rooted at the folder searched, as an MCP client starts it. */
    private final class McpSession implements AutoCloseable {
        private final StdioMcpSession session;

        McpSession(Path root) throws IOException {
            session = new StdioMcpSession(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                    "-Djava.io.tmpdir=" + jvmTmp, "-jar", jar, "mcp", "--root", root.toString()), "find-tree-bench");
        }

        LaterCall find(String arguments) throws IOException {
            long start = System.nanoTime();
            String response = session.request("tools/call", "{\"name\":\"find\",\"arguments\":" + arguments + "}");
            double roundTrip = (System.nanoTime() - start) / 1e6;
            if (response.contains("\"isError\":true") || metaNumber(response, "durationMs") < 0) {
                throw new IllegalStateException("find in the mcp session failed: " + response.substring(0, Math.min(500, response.length())));
            }
            return new LaterCall(roundTrip, metaNumber(response, "durationMs"), (long) metaNumber(response, "matches"));
        }

        @Override
        public void close() throws IOException, InterruptedException {
            session.close();
        }
    }

    private static String searchRow(String label, String program, List<Run> runs, long bytes, long matches, String inTool) {
        double ms = BenchSupport.median(runs, Run::totalMs);
        return String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %.0f | %,d | %s |%n", label, program.replace("|", "\\|"), ms, inTool,
                bytes / 1e6 / (ms / 1000), matches, rss(runs));
    }

    /** A number from the {@code meta} of a {@code --json} result line, e.g. {@code durationMs}; -1 when it is not there. */
    static double metaNumber(String resultLine, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([0-9]+)").matcher(resultLine);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** Median peak RSS in MiB, or a dash when a process ended before its memory could be sampled. */
    private static String rss(List<Run> runs) {
        double mib = BenchSupport.median(runs, r -> r.peakRssKiB() / 1024.0);
        return mib < 1 ? "-" : String.format(Locale.ROOT, "%.0f", mib);
    }

    /** Bytes of the regular files under {@code dir}. */
    private static long treeBytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private String jvmStartup() throws Exception {
        List<Run> version = repeat(List.of(java, "-XX:+UseSerialGC", "-jar", jar, "--version"), false);
        return String.format(Locale.ROOT, "%.0f ms for `agentstream --version`", BenchSupport.median(version, Run::totalMs));
    }

    // ---- corpora ----

    private static long countFiles(long bytes) {
        return Math.max(1, bytes / FILE_BYTES);
    }

    /**
     * Text files of about 10 KB of word lines, like logs and code: the literal in every 20th file, a line the
     * regex matches in every 25th, a mixed-case phrase in every 30th. Deterministic, so every program sees
     * the same corpus on every machine.
     */
    static void generateSearchCorpus(Path dir, long bytes) throws IOException {
        long files = countFiles(bytes);
        String stamp = "files=" + files + " bytes=" + FILE_BYTES;
        if (upToDate(dir, stamp)) return;
        deleteTree(dir);
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder text = new StringBuilder(FILE_BYTES + 200);
        for (long i = 0; i < files; i++) {
            long folder = i / FILES_PER_FOLDER;
            Path parent = dir.resolve(String.format("g%04d", folder / FOLDERS_PER_GROUP)).resolve(String.format("d%d", folder % FOLDERS_PER_GROUP));
            if (i % FILES_PER_FOLDER == 0) Files.createDirectories(parent);
            text.setLength(0);
            int special = random.nextInt(FILE_BYTES / 60);
            for (int line = 0; text.length() < FILE_BYTES; line++) {
                if (line == special && i % 20 == 0) text.append("found ").append(LITERAL).append(" in file ").append(i).append('\n');
                else if (line == special + 1 && i % 25 == 0) text.append("request ").append(i).append(" timeout after ").append(random.nextInt(10_000)).append(" ms\n");
                else if (line == special + 2 && i % 30 == 0) text.append("warn: Connection Reset by peer\n");
                else if (line == special + 3 && i % 7 == 0) text.append("timeout after ms (no number, no match)\n");
                else wordLine(text, random);
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(parent.resolve(String.format("f%03d.txt", i % FILES_PER_FOLDER))))) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        markUpToDate(dir, stamp);
    }

    private static void wordLine(StringBuilder text, SplittableRandom random) {
        int indent = random.nextInt(4) * 4;
        text.repeat(' ', indent);
        int words = 4 + random.nextInt(9);
        for (int w = 0; w < words; w++) {
            if (w > 0) text.append(' ');
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.append('\n');
    }

    /** A tree of about {@code entries} entries: sqrt(entries) folders of empty files. */
    static void generateTree(Path dir, int entries) throws IOException {
        int folders = Math.max(1, (int) Math.sqrt(entries));
        int filesPerFolder = Math.max(0, entries / folders - 1);
        String stamp = "folders=" + folders + " files=" + filesPerFolder;
        if (upToDate(dir, stamp)) return;
        deleteTree(dir);
        for (int d = 0; d < folders; d++) {
            Path folder = Files.createDirectories(dir.resolve(String.format("t%05d", d)));
            for (int f = 0; f < filesPerFolder; f++) {
                Files.createFile(folder.resolve("e" + f));
            }
        }
        markUpToDate(dir, stamp);
    }

    /** The stamp lives next to the corpus, not in it, so it never counts as part of what is searched. */
    private static Path stampFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".done");
    }

    private static boolean upToDate(Path dir, String stamp) throws IOException {
        Path file = stampFile(dir);
        return Files.isDirectory(dir) && Files.exists(file) && Files.readString(file).equals(stamp);
    }

    private static void markUpToDate(Path dir, String stamp) throws IOException {
        Files.writeString(stampFile(dir), stamp);
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.deleteIfExists(stampFile(dir));
        if (!Files.exists(dir)) return;
        try {
            int exit = new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
            if (exit != 0) throw new IOException("rm -rf " + dir + " failed with exit code " + exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting " + dir, e);
        }
    }

    private String javaVersion() throws IOException, InterruptedException {
        return BenchSupport.firstLine(java, "-version");
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
