package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolJanitorTest {

    @TempDir
    Path spool;

    @Test
    void removesSessionFoldersOlderThanTheRetentionAndKeepsRecentOnes() throws Exception {
        Instant now = Instant.now();
        Path old = Files.createDirectories(spool.resolve("old-session"));
        Files.writeString(old.resolve("bash-c1.log"), "old output");
        Files.setLastModifiedTime(old.resolve("bash-c1.log"), FileTime.from(now.minus(Duration.ofDays(10))));
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(10))));

        Path recent = Files.createDirectories(spool.resolve("recent-session"));
        Files.writeString(recent.resolve("bash-c1.log"), "new output");
        Files.setLastModifiedTime(recent, FileTime.from(now.minus(Duration.ofDays(10))));  // folder old, file new

        int removed = SpoolJanitor.sweep(spool, now.minus(SpoolJanitor.RETENTION));

        assertThat(removed).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(recent.resolve("bash-c1.log")).hasContent("new output");
    }

    @Test
    void aMissingSpoolDirectoryIsNothingToDo() {
        assertThat(SpoolJanitor.sweep(spool.resolve("absent"), Instant.now())).isZero();
    }

    @Test
    void overTheBudgetTheLeastRecentlyTouchedFoldersGoFirstAndFoldersInUseStay() throws Exception {
        Instant now = Instant.now();
        Path oldest = session("oldest", 3000, now.minus(Duration.ofDays(3)));
        Path older = session("older", 3000, now.minus(Duration.ofDays(2)));
        Path newer = session("newer", 3000, now.minus(Duration.ofHours(1)));
        Path inUse = session("in-use", 3000, now.minus(Duration.ofMinutes(1)));

        int removed = SpoolJanitor.sweep(spool, now, SpoolJanitor.RETENTION, new SpoolBudget(6500));

        assertThat(removed).isEqualTo(2);
        assertThat(oldest).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(newer).exists();
        assertThat(inUse).exists();
    }

    @Test
    void foldersInUseAreKeptEvenWhenTheyAloneExceedTheBudget() throws Exception {
        Instant now = Instant.now();
        Path old = session("old", 5000, now.minus(Duration.ofHours(5)));
        Path inUse = session("in-use", 5000, now.minus(Duration.ofMinutes(2)));

        int removed = SpoolJanitor.sweep(spool, now, SpoolJanitor.RETENTION, new SpoolBudget(1000));

        assertThat(removed).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(inUse.resolve("bash-c1.log")).exists();
    }

    @Test
    void withinTheBudgetNothingRecentIsRemoved() throws Exception {
        Instant now = Instant.now();
        Path a = session("a", 3000, now.minus(Duration.ofDays(2)));
        Path b = session("b", 3000, now.minus(Duration.ofDays(1)));

        assertThat(SpoolJanitor.sweep(spool, now, SpoolJanitor.RETENTION, new SpoolBudget(6000))).isZero();
        assertThat(a).exists();
        assertThat(b).exists();
    }

    private Path session(String name, int bytes, Instant touched) throws Exception {
        Path folder = Files.createDirectories(spool.resolve(name));
        Path file = Files.write(folder.resolve("bash-c1.log"), new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(touched));
        Files.setLastModifiedTime(folder, FileTime.from(touched));
        return folder;
    }
}
