package dev.agentstream.cli;

import dev.agentstream.core.EventJson;
import dev.agentstream.tools.StandardTools;
import dev.agentstream.tools.bash.sandbox.Bubblewrap;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The run the AOT cache of one-shot commands is trained on ({@code scripts/train-aot-cache.sh}, training
 * {@code tool}): the {@code agentstream tool} calls a user starts one at a time, made here in one JVM, so the
 * cache holds all their classes and the method profiles of their loops. A cache trained on a bash call alone
 * left a 1 GB {@code view} to the JIT's profiling tiers for its first seconds (in-tool 4.9 s against 4.1 s
 * with a view in the training); a cache trained on a view alone would load bash's classes from the jar again.
 *
 * <p>It runs on the jar's class path, as the launcher's {@code java -jar} does, so the cache applies to
 * {@code agentstream tool}. Its files go in the folder it is given (the training script's own, removed with it); output
 * goes to stdout, which the training script discards; the exit status is
 * 0 when every call ran (a call whose result is an error, such as bash without its sandbox, still ran).
 */
final class OneShotTraining {

    /** Big enough for the view's and the search's loops to be profiled hot; a training is over in seconds. */
    private static final int SAMPLE_LINES = 400_000;

    private OneShotTraining() {}

    /** {@code OneShotTraining FOLDER}: the calls' files are written under FOLDER, which the caller removes. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: OneShotTraining FOLDER");
            System.exit(2);
        }
        Bubblewrap.probeInBackground(); // as Main does for `tool`
        System.exit(runCalls(Files.createDirectories(Path.of(args[0]))));
    }

    /** Makes the calls on files written under {@code work}; 0 when each ran. */
    private static int runCalls(Path work) throws IOException {
        Path sample = writeSample(work.resolve("src").resolve("sample.txt"));
        Files.writeString(work.resolve("src").resolve("notes.md"), "# notes\nnothing to see\n");
        Files.createDirectories(work.resolve("docs").resolve("deep"));
        Files.writeString(work.resolve("docs").resolve("deep").resolve("readme.txt"), "compute here\n");
        String folder = work.toString();
        List<List<String>> calls = List.of(
                List.of("tool", "bash", "--input", json(Map.of("command", "echo trained"))),
                List.of("tool", "str_replace_based_edit_tool", "--json", "--input", json(Map.of("command", "view", "path", sample.toString()))),
                List.of("tool", "find", "--json", "--input", json(Map.of("path", folder, "pattern", "compute(xx"))),
                List.of("tool", "tree", "--json", "--input", json(Map.of("path", folder))));
        int status = 0;
        for (List<String> call : calls) {
            String[] arguments = call.toArray(String[]::new);
            int exit = Main.commandLine(StandardTools.catalogue(), arguments).execute(arguments);
            System.err.println("training call: tool " + call.get(1) + " exited " + exit); // into the training's log
            if (exit != 0 && exit != 1) status = 1;
        }
        System.out.flush();
        return status;
    }

    private static String json(Map<String, String> input) throws IOException {
        return EventJson.mapper().writeValueAsString(input);
    }

    /** Source-like lines of varied length, tabs and a few multi-byte characters: the view's and the search's usual input. */
    private static Path writeSample(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < SAMPLE_LINES; i++) {
                out.write(i % 9 == 0 ? "\t" : "    ");
                out.write("value_" + i + " = compute(" + "x".repeat(i % 50) + ", " + (i * 31 % 997) + ");");
                if (i % 101 == 0) out.write(" // größer, café");
                out.write('\n');
            }
        }
        return file;
    }
}
