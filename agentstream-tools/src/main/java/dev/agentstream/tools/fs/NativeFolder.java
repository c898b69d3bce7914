package dev.agentstream.tools.fs;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Folders and files opened by descriptor, as {@link OpenFolder} does through the JDK and with the same
 * guarantees: every name is opened relative to its open folder with {@code O_NOFOLLOW}, so no link is
 * followed; files are opened {@code O_NONBLOCK}, so an entry swapped for a FIFO after it was listed cannot
 * block the reader. The listing ({@code getdents64}) gives each entry's type, so no entry is stat'ed unless
 * the file system leaves the type unknown.
 */
final class NativeFolder {

    private static final int FOLDER_FLAGS = LinuxCalls.O_RDONLY | LinuxCalls.O_DIRECTORY | LinuxCalls.O_NOFOLLOW | LinuxCalls.O_CLOEXEC;
    private static final int FILE_FLAGS = LinuxCalls.O_RDONLY | LinuxCalls.O_NOFOLLOW | LinuxCalls.O_NONBLOCK | LinuxCalls.O_CLOEXEC;
    private static final int LISTING_BYTES = 32 * 1024;
    private static final ThreadLocal<Memory> LISTING_BUFFER = ThreadLocal.withInitial(() -> new Memory(LISTING_BYTES));
    private static final ThreadLocal<byte[]> LISTING_BYTES_COPY = ThreadLocal.withInitial(() -> new byte[LISTING_BYTES]);
    /** Room for a name of NAME_MAX (255) bytes and its NUL. */
    private static final int NAME_BYTES = 256;
    private static final ThreadLocal<byte[]> NAME_BUFFER = ThreadLocal.withInitial(() -> new byte[NAME_BYTES]);
    private static final ThreadLocal<CharsetDecoder> STRICT_UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    /** Whether the JDK makes paths from text as UTF-8, so a UTF-8 name read here names the same bytes as a path. */
    private static final boolean UTF8_PATHS = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    private static final byte DT_UNKNOWN = 0;
    private static final byte DT_DIR = 4;
    private static final byte DT_REG = 8;

    private NativeFolder() {}

    /**
     * The folder at {@code dir} (absolute, normalised), opened one component at a time from {@code /} with
     * {@code O_NOFOLLOW}, as {@link LinkFreeFiles#openDirectory} does; -1 when its path is not UTF-8 text (the JDK
     * then opens it by its bytes).
     */
    static int openPath(Path dir) throws IOException {
        String text = dir.toString();
        if (!UTF8_PATHS && !text.chars().allMatch(c -> c < 0x80) || text.indexOf('\uFFFD') >= 0) return -1;
        int fd = check(LinuxCalls.openat(LinuxCalls.AT_FDCWD, nameBytes("/"), FOLDER_FLAGS, 0), dir);
        for (Path component : dir) {
            int next;
            try {
                next = check(LinuxCalls.openat(fd, nameBytes(component.toString()), FOLDER_FLAGS, 0), dir);
            } finally {
                LinuxCalls.close(fd);
            }
            fd = next;
        }
        return fd;
    }

    /** The subfolder {@code entry}, named {@code name}, of the open folder {@code fd}; a link in its place is refused. */
    static int openSubfolder(int fd, Path entry, String name) throws IOException {
        return check(LinuxCalls.openat(fd, terminatedName(name), FOLDER_FLAGS, 0), entry);
    }

    /**
     * The file {@code entry}, named {@code name}, of the open folder {@code fd}, for reading; a link in its place
     * is refused. {@code shortReadEnds}: the folder's file system ends a regular file's reads with a short one.
     */
    static NativeFile openFile(int fd, Path entry, String name, boolean shortReadEnds) throws IOException {
        return new NativeFile(check(LinuxCalls.openat(fd, terminatedName(name), FILE_FLAGS, 0), entry), entry.toString(), shortReadEnds);
    }

    /** The type and size of {@code entry} itself (a link is not followed), for file systems whose listing leaves it unknown. */
    static EntryType stat(int fd, Path entry) throws IOException {
        try (Memory buffer = new Memory(LinuxCalls.STATX_BYTES)) {
            check(LinuxCalls.statx(fd, nameBytes(entry.getFileName().toString()), LinuxCalls.AT_SYMLINK_NOFOLLOW,
                    LinuxCalls.STATX_TYPE | LinuxCalls.STATX_SIZE, buffer), entry);
            int type = buffer.getShort(LinuxCalls.STATX_MODE_OFFSET) & 0170000;
            if (type == 0040000) return EntryType.FOLDER;
            if (type != 0100000) return EntryType.OTHER;
            return new EntryType(false, true, buffer.getLong(LinuxCalls.STATX_SIZE_OFFSET));
        }
    }

    /**
     * Lists the open folder {@code fd} at {@code dir}; null when a name is not UTF-8 (a path made from text could
     * not name it, so the JDK lists that folder by its bytes).
     */
    static FolderListing list(int fd, Path dir) throws IOException {
        Memory buffer = LISTING_BUFFER.get();
        byte[] bytes = LISTING_BYTES_COPY.get();
        List<Path> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<EntryType> types = new ArrayList<>();
        boolean gitignore = false;
        boolean ignore = false;
        boolean git = false;
        while (true) {
            long n = LinuxCalls.getdents64(fd, buffer, LISTING_BYTES);
            if (n < 0) throw failure(LinuxCalls.errno(), dir);
            if (n == 0) break;
            buffer.read(0, bytes, 0, (int) n);
            // struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated)
            for (int record = 0; record < n; record += (bytes[record + 16] & 0xFF) | (bytes[record + 17] & 0xFF) << 8) {
                int nameStart = record + 19;
                int nameEnd = nameStart;
                boolean ascii = true;
                while (bytes[nameEnd] != 0) {
                    ascii &= bytes[nameEnd] >= 0;
                    nameEnd++;
                }
                int length = nameEnd - nameStart;
                if (bytes[nameStart] == '.' && (length == 1 || length == 2 && bytes[nameStart + 1] == '.')) continue;
                String name = ascii ? new String(bytes, nameStart, length, StandardCharsets.ISO_8859_1) : utf8(bytes, nameStart, length);
                if (name == null) return null;
                gitignore |= name.equals(IgnoreRules.GITIGNORE);
                ignore |= name.equals(IgnoreRules.IGNORE);
                git |= name.equals(IgnoreRules.GIT);
                entries.add(dir.resolve(name));
                names.add(name);
                types.add(typeOf(bytes[record + 18]));
            }
        }
        return new FolderListing(dir, entries, names, types.toArray(EntryType[]::new), gitignore, ignore, git);
    }

    private static EntryType typeOf(byte dType) {
        return switch (dType) {
            case DT_DIR -> EntryType.FOLDER;
            case DT_REG -> EntryType.FILE;
            case DT_UNKNOWN -> null;
            default -> EntryType.OTHER;
        };
    }

    private static String utf8(byte[] bytes, int start, int length) {
        if (!UTF8_PATHS) return null;
        try {
            return STRICT_UTF8.get().decode(ByteBuffer.wrap(bytes, start, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * {@code name} NUL-terminated, in a per-thread array when it is ASCII (every name a walk opens is passed so,
     * and most names are ASCII: no array per file). Valid until the thread's next call.
     */
    private static byte[] terminatedName(String name) {
        int length = name.length();
        if (length >= NAME_BYTES) return nameBytes(name);
        byte[] terminated = NAME_BUFFER.get();
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c >= 0x80) return nameBytes(name);
            terminated[i] = (byte) c;
        }
        terminated[length] = 0;
        return terminated;
    }

    private static byte[] nameBytes(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, terminated, 0, utf8.length);
        return terminated;
    }

    private static int check(int result, Path path) throws IOException {
        if (result < 0) throw failure(LinuxCalls.errno(), path);
        return result;
    }

    private static IOException failure(int errno, Path path) {
        return LinkFreeFiles.explained(new FileSystemException(path.toString(), null, LinuxCalls.describe(errno)), path);
    }
}
