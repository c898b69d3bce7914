package dev.agentstream.tools.fs;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few Linux system calls a folder walk makes itself, bound once through JNA's direct mapping
 * ({@code Native.register}: a JNI call per use, far cheaper than an interface proxy). The JDK lists a folder
 * without the entries' types, so a walk stats every entry, and wraps each listing in {@code dup},
 * {@code fstat} and two {@code fcntl} around {@code fdopendir}; {@code getdents64} gives the type with the name.
 * {@link #AVAILABLE} is false off Linux or where the library cannot be bound: callers then use the JDK.
 */
final class LinuxCalls {

    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 04000;
    static final int O_DIRECTORY = 0200000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_CLOEXEC = 02000000;
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int STATX_TYPE = 0x1;
    static final int STATX_SIZE = 0x200;
    static final int STATX_MODE_OFFSET = 28;
    static final int STATX_SIZE_OFFSET = 40;
    static final int STATX_BYTES = 256;
    static final int SEEK_SET = 0;
    static final int SEEK_CUR = 1;
    static final int SEEK_END = 2;
    static final int EINTR = 4;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int ENOTDIR = 20;
    static final int ELOOP = 40;
    /** struct statfs is 120 bytes on 64-bit Linux; its first field, f_type, is the file system's magic number. */
    static final int STATFS_BYTES = 128;

    static final boolean AVAILABLE = bind();

    private LinuxCalls() {}

    /** @param path a NUL-terminated name */
    static native int openat(int dirfd, byte[] path, int flags, int mode);

    static native long getdents64(int fd, Pointer buffer, long count);

    static native long read(int fd, Pointer buffer, long count);

    static native long lseek(int fd, long offset, int whence);

    static native int close(int fd);

    /** @param path a NUL-terminated name */
    static native int statx(int dirfd, byte[] path, int flags, int mask, Pointer buffer);

    static native int fstatfs(int fd, Pointer buffer);

    static int errno() {
        return Native.getLastError();
    }

    /** The C library's words for the errors a walk meets, so a refused link reads as the JDK would say it. */
    static String describe(int errno) {
        return switch (errno) {
            case ENOENT -> "No such file or directory";
            case EACCES -> "Permission denied";
            case ENOTDIR -> "Not a directory";
            case ELOOP -> "Too many levels of symbolic links";
            default -> "error " + errno;
        };
    }

    private static boolean bind() {
        // The struct offsets above and getdents64's record layout are those of 64-bit Linux.
        if (!Platform.isLinux() || !Platform.is64Bit() || Boolean.getBoolean("agentstream.fs.jdkOnly")) return false;
        try {
            Native.register(LinuxCalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
