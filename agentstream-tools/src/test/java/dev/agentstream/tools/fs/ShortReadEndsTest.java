package dev.agentstream.tools.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short read ends a file only on the file systems where it must: elsewhere the reader asks until a read returns nothing. */
class ShortReadEndsTest {

    @TempDir
    Path tmp;

    @Test
    void procIsReadUntilAReadReturnsNothingAndItsFilesAreReadWhole() throws Exception {
        assumeTrue(LinuxCalls.AVAILABLE, "the descriptor walk is Linux's");
        Path proc = Path.of("/proc");
        int fd = NativeFolder.openPath(proc);
        try {
            assertThat(ShortReadEnds.onFileSystemOf(fd)).isFalse();
        } finally {
            LinuxCalls.close(fd);
        }
        byte[] expected = Files.readAllBytes(proc.resolve("filesystems"));
        try (OpenFolder open = OpenFolder.open(proc); SeekableByteChannel channel = open.openForReading(proc.resolve("filesystems"))) {
            assertThat(readAll(channel, 64 * 1024)).isEqualTo(expected);
        }
    }

    @Test
    void onADiskFileSystemTheReadAfterAShortOneIsTheEndAndRepositioningReadsAgain() throws Exception {
        assumeTrue(LinuxCalls.AVAILABLE, "the descriptor walk is Linux's");
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("d"));
        assumeTrue(Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs").contains(Files.getFileStore(dir).type()),
                "the temporary folder is on a disk file system or tmpfs");
        byte[] content = "a few bytes, fewer than a read asks for\n".getBytes();
        Files.write(dir.resolve("small.txt"), content);
        try (OpenFolder open = OpenFolder.open(dir); SeekableByteChannel channel = open.openForReading(dir.resolve("small.txt"), "small.txt")) {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            assertThat(channel.read(buffer)).isEqualTo(content.length);
            // Bytes appended now are not seen: the short read was the end (the zero-byte read is not made).
            Files.write(dir.resolve("small.txt"), "more".getBytes(), java.nio.file.StandardOpenOption.APPEND);
            assertThat(channel.read(buffer)).isEqualTo(-1);
            channel.position(0);
            assertThat(readAll(channel, 1024)).hasSize(content.length + 4);
        }
    }

    @Test
    void aFileLongerThanOneReadIsReadWholeWhereShortReadsEndIt() throws Exception {
        assumeTrue(LinuxCalls.AVAILABLE, "the descriptor walk is Linux's");
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("d"));
        byte[] content = new byte[150_001];
        for (int i = 0; i < content.length; i++) content[i] = (byte) ('a' + i % 26);
        Files.write(dir.resolve("long.txt"), content);
        try (OpenFolder open = OpenFolder.open(dir); SeekableByteChannel channel = open.openForReading(dir.resolve("long.txt"), "long.txt")) {
            assertThat(readAll(channel, 40_000)).isEqualTo(content);
        }
    }

    private static byte[] readAll(SeekableByteChannel channel, int readSize) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(readSize);
        for (int n; (n = channel.read(buffer.clear())) >= 0; ) all.write(buffer.array(), 0, n);
        return all.toByteArray();
    }
}
