package dev.agentstream.tools.fs;

import dev.agentstream.core.ToolInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Refuses devices, pipes and sockets before a tool opens them: opening a FIFO for reading blocks until a
 * writer comes, and {@code /dev/zero} or {@code /dev/urandom} never end. The type comes from stat (which
 * never blocks), so nothing is opened to find out. Paths that do not exist pass: the tools say that themselves.
 */
public final class FileTypeGuard {

    private FileTypeGuard() {}

    /** For commands that read a file's whole content (edits, searches): only regular files may pass. */
    public static void requireRegularFile(Path path, String doing) {
        String kind = kindOf(path);
        if (kind == null) return;
        throw new ToolInputException(path + " is " + kind + ", not a regular file, so " + doing + " could block or never end; "
                + "use a regular file (to work on a sample of it, copy one with bash first, e.g. head -c 1M " + path + " > /tmp/sample).");
    }

    /**
     * What {@code path} is when it is neither a regular file nor a directory ("a FIFO (named pipe)", "a character
     * device"...), or null when it is one of those or does not exist.
     */
    public static String kindOf(Path path) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        if (attributes.isRegularFile() || attributes.isDirectory()) return null;
        Object mode = modeOf(path);
        if (mode instanceof Integer bits) {
            return switch (bits & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        }
        return "a special file (a device, pipe or socket)";
    }

    private static Object modeOf(Path path) {
        try {
            return Files.getAttribute(path, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
