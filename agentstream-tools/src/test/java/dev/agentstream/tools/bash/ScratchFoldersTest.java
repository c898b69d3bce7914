package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scratch folders of JVMs that ended without closing their shells do not pile up in the temporary folder. */
class ScratchFoldersTest {

    @TempDir
    Path tmp;

    @Test
    void foldersOfEndedJvmsGoAndFoldersOfLiveOnesStay() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Path ofEnded = withScript(tmp.resolve(ScratchFolders.PREFIX + ended.pid() + "-123"));
            Path ofAlive = withScript(tmp.resolve(ScratchFolders.PREFIX + alive.pid() + "-456"));
            Path ofThisJvm = withScript(tmp.resolve(ScratchFolders.PREFIX + ProcessHandle.current().pid() + "-789"));
            Path unrelated = withScript(tmp.resolve("agentstream-bash-notes"));

            int removed = ScratchFolders.sweep(tmp, Instant.now());

            assertThat(removed).isEqualTo(1);
            assertThat(ofEnded).doesNotExist();
            assertThat(ofAlive).isDirectory();
            assertThat(ofThisJvm).isDirectory();
            assertThat(unrelated).isDirectory();
        } finally {
            alive.destroyForcibly();
        }
    }

    @Test
    void foldersNamedWithoutAPidGoOnlyOnceADayOld() throws Exception {
        Path old = withScript(tmp.resolve(ScratchFolders.PREFIX + "10063146834843667114"));
        Path recent = withScript(tmp.resolve(ScratchFolders.PREFIX + "2610410965764690374"));
        Instant now = Instant.now();
        Files.setLastModifiedTime(old, FileTime.from(now.minus(ScratchFolders.UNOWNED_AGE).minus(Duration.ofMinutes(1))));

        ScratchFolders.sweep(tmp, now);

        assertThat(old).doesNotExist();
        assertThat(recent).isDirectory();
    }

    @Test
    void aSymlinkNamedLikeAFolderIsNeitherFollowedNorRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path target = withScript(tmp.resolve("keep"));
        Path link = Files.createSymbolicLink(tmp.resolve(ScratchFolders.PREFIX + ended.pid() + "-1"), target);

        ScratchFolders.sweep(tmp, Instant.now());

        assertThat(link).isSymbolicLink();
        assertThat(target.resolve("command-1.sh")).exists();
    }

    @Test
    void aSessionNamesItsFolderAfterThisJvmAndRemovesItOnClose() throws Exception {
        Path scratch;
        try (BashSession session = BashSession.start(tmp, Map.of())) {
            scratch = session.scratchDirectory();
            assertThat(scratch.getFileName().toString())
                    .startsWith(ScratchFolders.PREFIX + ProcessHandle.current().pid() + "-");
            assertThat(scratch).isDirectory();
        }
        assertThat(scratch).doesNotExist();
    }

    private static Path withScript(Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("command-1.sh"), "echo hi\n");
        return folder;
    }
}
