package dev.agentstream.tools.robustness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder holding the awkward things a bad call may point at (a FIFO, links to /dev/zero and /dev/urandom,
 * a symlink loop, a dangling link, a binary, a non-UTF-8 and a too-big file, a bad .gitignore), and its
 * checksum: every entry's path, type, mode, link target and content, taken without opening the special ones.
 */
final class TestTree {

    private TestTree() {}

    static void build(Path root) throws IOException, InterruptedException {
        Files.writeString(root.resolve("a.txt"), "alpha\nbeta\ngamma\n");
        Files.writeString(root.resolve("dup.txt"), "x\nx\n");
        Files.write(root.resolve("bin.dat"), new byte[] {1, 2, 0, 3, 0, 4});
        Files.write(root.resolve("latin1.txt"), "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        try (RandomAccessFile big = new RandomAccessFile(root.resolve("big.txt").toFile(), "rw")) {
            big.setLength(33L * 1024 * 1024); // sparse: refused by its size before anything reads it
        }
        Path sub = Files.createDirectories(root.resolve("sub"));
        Files.writeString(sub.resolve("B.java"), "class B {}\n");
        Files.writeString(sub.resolve(".gitignore"), "[\n*.log\n");
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("fifo").toString()).start();
        if (mkfifo.waitFor() != 0) throw new IOException("mkfifo failed");
        Files.createSymbolicLink(root.resolve("zero"), Path.of("/dev/zero"));
        Files.createSymbolicLink(root.resolve("urandom"), Path.of("/dev/urandom"));
        Files.createSymbolicLink(root.resolve("loop"), root.resolve("loop"));
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
    }

    static String checksum(Path root) throws IOException {
        MessageDigest digest = sha256();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.sorted().toList();
        }
        for (Path entry : entries) {
            BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            StringBuilder line = new StringBuilder(root.relativize(entry).toString()).append('|');
            if (attributes.isSymbolicLink()) {
                line.append("link>").append(Files.readSymbolicLink(entry));
            } else {
                line.append(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS)))
                        .append('|').append(attributes.size());
                if (attributes.isRegularFile()) line.append('|').append(contentDigest(entry));
                if (attributes.isOther()) line.append("|special");
            }
            digest.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String contentDigest(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
