package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults around the real command in its own JVM: kill -9 in the middle of a big write, signals while a
 * command has detached children, a reader that stops reading. Deadlines here only tell "never" from
 * "eventually": what is asserted is the outcome.
 */
class FaultToleranceTest {

    private static final long DEADLINE_SECONDS = 30;
    private static final int THIRTY_MB = 30 * 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"create", "str_replace"})
    void aWriteKilledMidwayLeavesATempFileThatTheNextCallSweeps(String command) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path litter = null;
        for (int attempt = 0; attempt < 10 && litter == null; attempt++) {
            Path target = work.resolve("big" + attempt + ".txt");
            Path input = dir.resolve("input" + attempt + ".json");
            String text = "line of a big file\n".repeat(THIRTY_MB / 19);
            if (command.equals("create")) {
                Files.writeString(input, "{\"command\":\"create\",\"path\":\"" + target + "\",\"file_text\":\"" + text.replace("\n", "\\n") + "\"}");
            } else {
                Files.writeString(target, "FIRST\n" + text);
                Files.writeString(input, "{\"command\":\"str_replace\",\"path\":\"" + target + "\",\"old_str\":\"FIRST\",\"new_str\":\"SECOND\"}");
            }
            try (CliProcess cli = CliProcess.start(dir, "tool", "str_replace_based_edit_tool", "--input-file", input.toString())) {
                litter = awaitTempFile(work, cli.process);
                cli.process.destroyForcibly().waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
            if (litter != null && !Files.exists(litter)) litter = null; // the rename won the race; try again
        }
        assertThat(litter).as("a temp file caught in the middle of the write").isNotNull();

        try (CliProcess next = CliProcess.start(dir, "tool", "str_replace_based_edit_tool", "--input",
                "{\"command\":\"create\",\"path\":\"" + work.resolve("next.txt") + "\",\"file_text\":\"next\\n\"}")) {
            assertThat(next.waitFor()).isZero();
        }
        assertThat(tempFiles(work)).as("temp files after the next call").isEmpty();
    }

    @ParameterizedTest(name = "SIG{0} with --sandbox {1}")
    @CsvSource({"INT,workspace-write", "TERM,workspace-write", "KILL,workspace-write", "INT,off", "TERM,off", "KILL,off"})
    void aSignalToTheJvmLeavesNoProcessOfTheCommandBehind(String signal, String sandbox) throws Exception {
        String mark = Long.toString(7_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));
        String command = "sleep " + mark + " & (sleep " + mark + " &); setsid sleep " + mark + " & nohup sleep " + mark
                + " >/dev/null 2>&1 & echo STARTED; wait";
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--json", "--sandbox", sandbox,
                "--input", "{\"command\":\"" + command + "\"}")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            while (sleepers(mark).size() < 4 && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(sleepers(mark)).as("the four sleeps started").hasSize(4);

            new ProcessBuilder("kill", "-" + signal, Long.toString(cli.process.pid())).start().waitFor();
            assertThat(cli.process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
            while (!sleepers(mark).isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(sleepers(mark)).as("sleeps left after SIG" + signal).isEmpty();
        } finally {
            for (long pid : sleepers(mark)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aReaderThatClosesTheJsonOutputEndsTheCallAndTheJvm() throws Exception {
        String mark = Long.toString(8_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--json", "--input",
                "{\"command\":\"for i in $(seq 1 600); do echo line $i; sleep 0.1; done; sleep " + mark + "\"}")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            while (cli.stdout.size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(cli.stdout).as("events before the reader went away").hasSizeGreaterThanOrEqualTo(2);

            cli.process.getInputStream().close(); // like `| head -2`

            // the command alone would run for a minute: ending well before shows the JVM noticed
            assertThat(cli.process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
            assertThat(cli.process.exitValue()).isEqualTo(141);
            assertThat(sleepers(mark)).isEmpty();
        }
    }

    /** Processes running {@code sleep MARK}, by their command line, zombies excluded. */
    static List<Long> sleepers(String mark) throws IOException {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (!cmdline.equals("sleep\0" + mark + "\0")) continue;
                    String stat = Files.readString(p.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    if (state != 'Z' && state != 'X') found.add(Long.parseLong(p.getFileName().toString()));
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return found;
    }

    private static Path awaitTempFile(Path folder, Process writer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (writer.isAlive() && System.nanoTime() < deadline) {
            List<Path> temps = tempFiles(folder);
            if (!temps.isEmpty() && Files.size(temps.getFirst()) > 0) return temps.getFirst();
            Thread.sleep(1);
        }
        return null;
    }

    private static List<Path> tempFiles(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().matches("\\..*\\.tmp")).toList();
        }
    }
}
