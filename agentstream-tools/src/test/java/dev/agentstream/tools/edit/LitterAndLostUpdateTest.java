package dev.agentstream.tools.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temp files a killed editor left behind are swept; a write to the file during an edit is never lost. */
class LitterAndLostUpdateTest {

    @TempDir
    Path tmp;

    @Test
    void theNextWriteInAFolderSweepsTempFilesOfDeadWritersButNotOthers() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(dir.resolve("a.txt"), "one\n");
        long dead = deadPid();
        Path ofDeadWriter = Files.writeString(dir.resolve(".a.txt." + dead + "-1f2e3d.tmp"), "half of a file");
        Path legacyOld = Files.writeString(dir.resolve(".a.txt.9a8b7c6d.tmp"), "older naming");
        Files.setLastModifiedTime(legacyOld, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        Path legacyFresh = Files.writeString(dir.resolve(".b.txt.9a8b7c6e.tmp"), "older naming, maybe in use");
        Path ofLiveWriter = Files.writeString(dir.resolve(".a.txt." + ProcessHandle.current().parent().orElseThrow().pid() + "-abc.tmp"), "live");
        Path notOurs = Files.writeString(dir.resolve(".cache.tmp"), "someone else's");

        try (EditCalls calls = new EditCalls(new EditTool(), Files.createDirectories(tmp.resolve("spool")))) {
            EditAssertions.assertOk(calls.call("command", "str_replace", "path", dir.resolve("a.txt"), "old_str", "one", "new_str", "two"));
        }

        assertThat(ofDeadWriter).doesNotExist();
        assertThat(legacyOld).doesNotExist();
        assertThat(legacyFresh).exists();
        assertThat(ofLiveWriter).exists();
        assertThat(notOurs).exists();
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("two\n");
    }

    @Test
    void aChangeBetweenTheReadAndTheRenameRefusesTheEditAndKeepsTheChange() throws Exception {
        Path file = Files.writeString(tmp.resolve("log.txt"), "header\n");
        FileStamp read = FileStamp.of(file);
        Files.writeString(file, "appended\n", StandardOpenOption.APPEND);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicWriter.write(file,
                        AtomicWriter.Content.of("HEADER\n".getBytes(StandardCharsets.UTF_8)), read))
                .isInstanceOf(AtomicWriter.ChangedUnderneathException.class);

        assertThat(Files.readString(file)).isEqualTo("header\nappended\n");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void anAppendRacingStrReplaceIsNeverLost() throws Exception {
        Path file = tmp.resolve("race.txt");
        // big enough that writing the edited copy takes a while, so appends land during the edits
        Files.writeString(file, "TOKEN-0\n" + "filler line of the log\n".repeat(10_000));
        int appends = 200;
        CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < appends; i++) {
                    Files.writeString(file, "appended " + i + "\n", StandardOpenOption.APPEND);
                    // irregular gaps: some edits fit between two appends, others overlap one
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(12));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int applied = 0;
        int refused = 0;
        List<String> errors = new ArrayList<>();
        try (EditCalls calls = new EditCalls(new EditTool(), Files.createDirectories(tmp.resolve("spool")))) {
            for (int round = 0; !appender.isDone(); round++) {
                EditCalls.Recorded edit = calls.call("command", "str_replace", "path", file,
                        "old_str", "TOKEN-" + applied + "\n", "new_str", "TOKEN-" + (applied + 1) + "\n");
                if (edit.isError()) {
                    refused++;
                    if (!edit.text().contains("changed while this edit was working on it")) errors.add(edit.text());
                } else {
                    applied++;
                }
            }
        }
        appender.join();

        String text = Files.readString(file);
        assertThat(errors).as("refusals other than 'changed underneath'").isEmpty();
        assertThat(text).startsWith("TOKEN-" + applied + "\n");
        for (int i = 0; i < appends; i++) {
            assertThat(text).as("append %d (after %d edits applied, %d refused)", i, applied, refused).contains("\nappended " + i + "\n");
        }
        assertThat(applied).as("edits that went through between appends").isPositive();
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
