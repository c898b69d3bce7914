package dev.agentstream.tools.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkFreeFilesTest {

    @TempDir
    Path tmp;

    @Test
    void readsFilesAndListsFoldersOnALinkFreePath() throws Exception {
        Path dir = Files.createDirectories(tmp.toRealPath().resolve("a/b"));
        Files.writeString(dir.resolve("f.txt"), "content");
        assertThat(new String(LinkFreeFiles.readAllBytes(dir.resolve("f.txt")), StandardCharsets.UTF_8)).isEqualTo("content");
        List<Path> entries = new ArrayList<>();
        try (SecureDirectoryStream<Path> listing = LinkFreeFiles.openDirectory(dir)) {
            listing.forEach(entries::add);
        }
        assertThat(entries).containsExactly(dir.resolve("f.txt"));
    }

    @Test
    void aLinkAnywhereOnThePathIsRefusedAndNamed() throws Exception {
        Path real = tmp.toRealPath();
        Path target = Files.createDirectories(real.resolve("target"));
        Files.writeString(target.resolve("f.txt"), "outside");
        Files.createSymbolicLink(real.resolve("folder-link"), target);
        Files.createSymbolicLink(real.resolve("file-link"), target.resolve("f.txt"));
        assertThatThrownBy(() -> LinkFreeFiles.readAllBytes(real.resolve("folder-link/f.txt")))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("folder-link").hasMessageContaining("symbolic link now");
        assertThatThrownBy(() -> LinkFreeFiles.readAllBytes(real.resolve("file-link")))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("file-link");
        assertThatThrownBy(() -> LinkFreeFiles.openDirectory(real.resolve("folder-link"))).isInstanceOf(FileSystemException.class);
    }

    @Test
    void aSubfolderIsOpenedFromItsOpenParentAndALinkInItsPlaceIsRefused() throws Exception {
        Path real = tmp.toRealPath();
        Path sub = Files.createDirectories(real.resolve("parent/sub"));
        Files.writeString(sub.resolve("f.txt"), "inside");
        Path target = Files.createDirectories(real.resolve("target"));
        Files.createSymbolicLink(real.resolve("parent/link"), target);
        try (OpenFolder parent = OpenFolder.open(real.resolve("parent"))) {
            try (OpenFolder opened = parent.openSubfolder(sub)) {
                assertThat(opened.listing().entries()).containsExactly(sub.resolve("f.txt"));
                try (var channel = opened.openForReading(sub.resolve("f.txt"))) {
                    assertThat(channel.size()).isEqualTo(6);
                }
            }
            assertThatThrownBy(() -> parent.openSubfolder(real.resolve("parent/link")))
                    .isInstanceOf(FileSystemException.class).hasMessageContaining("link");
        }
    }

    @Test
    void aKeptFolderIsNotUsedOnceThePathLeadsElsewhere() throws Exception {
        Path real = tmp.toRealPath();
        Path dir = Files.createDirectories(real.resolve("d"));
        Files.writeString(dir.resolve("f.txt"), "first");
        assertThat(LinkFreeFiles.readAllBytes(dir.resolve("f.txt"))).asString(StandardCharsets.UTF_8).isEqualTo("first");

        // The folder is made anew: the new one is read, not the one kept open.
        Files.move(dir, real.resolve("old"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("f.txt"), "second");
        assertThat(LinkFreeFiles.readAllBytes(dir.resolve("f.txt"))).asString(StandardCharsets.UTF_8).isEqualTo("second");

        // The folder becomes a link: refused, although a folder at that path is kept open.
        Files.move(dir, real.resolve("newer"));
        Files.createSymbolicLink(dir, real.resolve("old"));
        assertThatThrownBy(() -> LinkFreeFiles.readAllBytes(dir.resolve("f.txt"))).isInstanceOf(FileSystemException.class);
    }
}
