package dev.agentstream.tools.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriterTest {

    @TempDir
    Path tmp;

    @Test
    void aWriteThatFailsHalfwayLeavesTheOriginalIntactAndNoTempFile() throws Exception {
        Path file = tmp.resolve("config.yml");
        byte[] original = "port: 8080\nhost: localhost\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Files.write(file, original);

        assertThatThrownBy(() -> AtomicWriter.write(file, channel -> {
            channel.write(ByteBuffer.wrap("port: 9090\n".repeat(500).getBytes(StandardCharsets.UTF_8)));
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessageContaining("No space left");

        assertThat(Files.readAllBytes(file)).isEqualTo(original);
        assertThat(entries()).containsExactly("config.yml");
    }

    @Test
    void aSuccessfulWriteReplacesTheContentAndKeepsThePermissions() throws Exception {
        Path file = Files.writeString(tmp.resolve("run.sh"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx--x--x"));
        Object inodeBefore = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        AtomicWriter.write(file, "new content".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("new content");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwx--x--x");
        // a new inode renamed over the old one, not the old file rewritten in place
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isNotEqualTo(inodeBefore);
        assertThat(entries()).containsExactly("run.sh");
    }

    @Test
    void aReaderThatOpenedTheFileBeforeTheWriteStillReadsTheOldContent() throws Exception {
        Path file = Files.writeString(tmp.resolve("data.txt"), "before");
        try (var reader = Files.newInputStream(file)) {
            AtomicWriter.write(file, "after".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(reader.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("before");
        }
        assertThat(Files.readString(file)).isEqualTo("after");
    }

    @Test
    void aFailedWriteThroughTheToolIsAnErrorResultAndChangesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("locked"));
        Path file = Files.writeString(dir.resolve("a.txt"), "alpha\nbeta\n");
        // An immutable directory (chattr +i) refuses new entries even to root, so the temp file cannot be made:
        // a real file-system failure at the write, after the file was read and the edit computed.
        Assumptions.assumeTrue(chattr("+i", dir), "chattr +i is not available here");
        try (EditCalls calls = new EditCalls(new EditTool(), Files.createDirectories(tmp.resolve("spool")))) {
            String error = EditAssertions.assertInputError(calls.call("command", "str_replace", "path", file, "old_str", "beta", "new_str", "gamma"));
            assertThat(error).contains("Writing " + file.toRealPath() + " failed").contains("left unchanged");
            assertThat(calls.session.resource(EditHistory.SESSION_KEY, EditHistory.class, EditHistory::new).steps(file.toRealPath())).isZero();
        } finally {
            chattr("-i", dir);
        }
        assertThat(Files.readString(file)).isEqualTo("alpha\nbeta\n");
        try (Stream<Path> list = Files.list(dir)) {
            assertThat(list).hasSize(1);
        }
    }

    private static boolean chattr(String flag, Path dir) {
        try {
            Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String[] entries() throws IOException {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }
}
