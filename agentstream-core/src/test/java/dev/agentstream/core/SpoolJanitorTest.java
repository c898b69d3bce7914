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
}
