package dev.agentstream.tools.fs;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A file a walk opened itself ({@link NativeFolder}), read with {@code read(2)} into a per-thread native buffer
 * and copied from there, as the JDK's own channels read into a heap buffer. Read-only. On a file system where a
 * short read of a regular file is its end ({@link ShortReadEnds}), the read after a short one answers the end
 * without asking the kernel: the zero-byte read that would say so costs a system call per small file.
 */
final class NativeFile implements SeekableByteChannel {

    private static final int SCRATCH_BYTES = 64 * 1024;
    private static final ThreadLocal<Memory> SCRATCH = ThreadLocal.withInitial(() -> new Memory(SCRATCH_BYTES));

    private final int fd;
    private final String path;
    private final boolean shortReadEnds;
    private boolean open = true;
    /** A short read has reached the end (only when {@link #shortReadEnds}); moving the position clears it. */
    private boolean atEnd;

    NativeFile(int fd, String path, boolean shortReadEnds) {
        this.fd = fd;
        this.path = path;
        this.shortReadEnds = shortReadEnds;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        int wanted = Math.min(dst.remaining(), SCRATCH_BYTES);
        if (wanted == 0) return 0;
        if (atEnd) return -1;
        Memory scratch = SCRATCH.get();
        long n;
        do {
            n = LinuxCalls.read(fd, scratch, wanted);
        } while (n < 0 && LinuxCalls.errno() == LinuxCalls.EINTR);
        if (n < 0) throw new IOException(path + ": " + LinuxCalls.describe(LinuxCalls.errno()));
        if (n == 0) return -1;
        atEnd = shortReadEnds && n < wanted;
        int count = (int) n;
        if (dst.hasArray()) {
            scratch.read(0, dst.array(), dst.arrayOffset() + dst.position(), count);
            dst.position(dst.position() + count);
        } else {
            dst.put(scratch.getByteBuffer(0, count));
        }
        return count;
    }

    @Override
    public long position() throws IOException {
        return seek(0, LinuxCalls.SEEK_CUR);
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        seek(newPosition, LinuxCalls.SEEK_SET);
        return this;
    }

    @Override
    public long size() throws IOException {
        long at = position();
        long end = seek(0, LinuxCalls.SEEK_END);
        seek(at, LinuxCalls.SEEK_SET);
        return end;
    }

    private long seek(long offset, int whence) throws IOException {
        ensureOpen();
        long at = LinuxCalls.lseek(fd, offset, whence);
        if (at < 0) throw new IOException(path + ": " + LinuxCalls.describe(LinuxCalls.errno()));
        if (whence != LinuxCalls.SEEK_CUR) atEnd = false;
        return at;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) return;
        open = false;
        LinuxCalls.close(fd); // the descriptor is freed even when close reports an error
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) throw new ClosedChannelException();
    }
}
