package dev.agentstream.tools.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class OpenFolderTest {

    @TempDir
    Path tmp;

    @Test
    void theListingGivesEachEntrysTypeSoNoneIsStatedAndLinksFifosAreNeverFilesOrFolders() throws Exception {
        assumeTrue(LinuxCalls.AVAILABLE, "the descriptor walk is Linux's");
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("d"));
        Files.writeString(dir.resolve("file.txt"), "text");
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("file-link"), dir.resolve("file.txt"));
        Files.createSymbolicLink(dir.resolve("folder-link"), dir.resolve("sub"));
        mkfifo(dir.resolve("pipe"));
        try (OpenFolder open = OpenFolder.open(dir)) {
            Map<String, EntryType> types = typesByName(open);
            assertThat(types).containsOnlyKeys("file.txt", "sub", "file-link", "folder-link", "pipe");
            assertThat(types.get("file.txt")).isEqualTo(EntryType.FILE); // the size is not asked for
            assertThat(types.get("sub")).isEqualTo(EntryType.FOLDER);
            assertThat(types.get("file-link")).isEqualTo(EntryType.OTHER);
            assertThat(types.get("folder-link")).isEqualTo(EntryType.OTHER);
            assertThat(types.get("pipe")).isEqualTo(EntryType.OTHER);
        }
    }

    @Test
    void aFolderWithANameThatIsNotUtf8IsListedByTheJdkWithTheSameTypes() throws Exception {
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("d"));
        Process make = new ProcessBuilder("bash", "-c", "printf x > \"$(printf 'caf\\xe9.txt')\" && mkdir sub && ln -s sub link")
                .directory(dir.toFile()).start();
        assertThat(make.waitFor()).isZero();
        try (OpenFolder open = OpenFolder.open(dir)) {
            assertThat(open.listing().types()).isNull();
            Map<String, EntryType> types = typesByName(open);
            assertThat(types).hasSize(3);
            assertThat(types.get("sub").directory()).isTrue();
            assertThat(types.get("link").directory() || types.get("link").regularFile()).isFalse();
            Path latin1 = open.listing().entries().stream().filter(p -> p.toString().contains("caf")).findFirst().orElseThrow();
            assertThat(open.type(open.listing().entries().indexOf(latin1))).isEqualTo(new EntryType(false, true, 1));
            try (var channel = open.openForReading(latin1)) {
                assertThat(channel.read(ByteBuffer.allocate(4))).isEqualTo(1);
            }
        }
    }

    @Test
    void filesAndFoldersAreOpenedByTheirListedNamesAsciiOrNot() throws Exception {
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("d"));
        Files.writeString(Files.createDirectories(dir.resolve("sübfolder")).resolve("café.txt"), "é");
        Files.writeString(dir.resolve("plain.txt"), "abc");
        String longName = "n".repeat(255);
        Files.writeString(dir.resolve(longName), "long");
        try (OpenFolder open = OpenFolder.open(dir)) {
            try (var channel = open.openForReading(dir.resolve("plain.txt"), "plain.txt")) {
                assertThat(channel.read(ByteBuffer.allocate(8))).isEqualTo(3);
            }
            try (var channel = open.openForReading(dir.resolve(longName), longName)) {
                assertThat(channel.read(ByteBuffer.allocate(8))).isEqualTo(4);
            }
            try (OpenFolder sub = open.openSubfolder(dir.resolve("sübfolder"), "sübfolder");
                 var channel = sub.openForReading(dir.resolve("sübfolder/café.txt"), "café.txt")) {
                assertThat(channel.read(ByteBuffer.allocate(8))).isEqualTo(2);
            }
        }
    }

    @Test
    void aFileIsReadWholeInPiecesAndCanBeRepositioned() throws Exception {
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("d"));
        byte[] content = new byte[200_000];
        new Random(7).nextBytes(content);
        Files.write(dir.resolve("big.bin"), content);
        try (OpenFolder open = OpenFolder.open(dir); var channel = open.openForReading(dir.resolve("big.bin"))) {
            assertThat(channel.size()).isEqualTo(content.length);
            ByteBuffer read = ByteBuffer.allocate(content.length + 10);
            int total = 0;
            for (int n; (n = channel.read(read)) >= 0; ) total += n;
            assertThat(total).isEqualTo(content.length);
            assertThat(read.flip()).isEqualTo(ByteBuffer.wrap(content));
            channel.position(100_000);
            ByteBuffer direct = ByteBuffer.allocateDirect(3);
            assertThat(channel.read(direct)).isEqualTo(3);
            assertThat(direct.flip()).isEqualTo(ByteBuffer.wrap(content, 100_000, 3));
            assertThat(channel.position()).isEqualTo(100_003);
        }
    }

    @Test
    void aLinkInAFilesPlaceIsRefused() throws Exception {
        Path real = tmp.toRealPath();
        Path dir = Files.createDirectories(real.resolve("d"));
        Files.writeString(real.resolve("outside.txt"), "outside");
        Files.createSymbolicLink(dir.resolve("f.txt"), real.resolve("outside.txt"));
        try (OpenFolder open = OpenFolder.open(dir)) {
            assertThatThrownBy(() -> open.openForReading(dir.resolve("f.txt")))
                    .isInstanceOf(FileSystemException.class).hasMessageContaining("f.txt");
        }
    }

    /** A hang guard, not a speed check: a FIFO swapped in after the listing must not block its reader. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFifoOpenedInAFilesPlaceDoesNotBlock() throws Exception {
        assumeTrue(LinuxCalls.AVAILABLE, "the descriptor walk is Linux's");
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("d"));
        mkfifo(dir.resolve("pipe"));
        try (OpenFolder open = OpenFolder.open(dir); var channel = open.openForReading(dir.resolve("pipe"))) {
            assertThat(channel.read(ByteBuffer.allocate(16))).isEqualTo(-1); // no writer: the end at once
        }
    }

    private static Map<String, EntryType> typesByName(OpenFolder open) throws Exception {
        Map<String, EntryType> types = new HashMap<>();
        for (int i = 0; i < open.listing().entries().size(); i++) {
            types.put(open.listing().names().get(i), open.type(i));
        }
        return types;
    }

    private static void mkfifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();
    }
}
