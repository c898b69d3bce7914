package dev.agentstream.core.view;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A buffered output stream to a file, whose buffers are off the heap and written by a thread of its own once
 * there is more than one buffer's worth: the tool's thread copies its output into a buffer and goes on
 * while a full one goes to the file (in a profile of a 1 GB view, the kernel's writes of the spool's new pages
 * took a third of the tool thread's time; on another thread they overlap with the rest). Output that fits in one buffer is written by the caller at
 * {@link #flush()} or {@link #close()}, so a small call starts no thread. At most {@link #BUFFERS} buffers
 * exist; a writer faster than the file waits for one to come back.
 *
 * <p>{@link #flush()} returns when everything written before it is in the file. A failed write is thrown
 * by the next call after it, and nothing more is written.
 */
final class SpoolOutput extends OutputStream {

    static final int BUFFERS = 4;
    /** The size of every buffer after the first: output that needs more than one is large, and fewer hand-overs cost less. */
    static final int LATER_BUFFER_BYTES = 256 * 1024;
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FileChannel channel;
    private final int bufferBytes;
    private final String writerName;
    private ByteBuffer current;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Full buffers in the order they were filled; the writer thread takes from the front. */
    private final ArrayDeque<ByteBuffer> toWrite = new ArrayDeque<>(BUFFERS);
    /** Written buffers to fill again. */
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>(BUFFERS);
    private int allocated;
    /** A buffer is being written by the writer thread. */
    private boolean writing;
    private Thread writer;
    private boolean closing;
    private IOException failure;

    SpoolOutput(Path file, int bufferBytes) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.bufferBytes = bufferBytes;
        this.writerName = "spool-writer " + file.getFileName();
        this.current = ByteBuffer.allocateDirect(bufferBytes);
        this.allocated = 1;
    }

    @Override
    public void write(int b) throws IOException {
        if (!current.hasRemaining()) handOn();
        current.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!current.hasRemaining()) handOn();
            int n = Math.min(len, current.remaining());
            current.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        awaitWritten();
        current.flip();
        try {
            writeFully(current);
        } finally {
            current.clear();
        }
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) return;
        try {
            flush();
        } finally {
            lock.lock();
            try {
                closing = true;
                free.clear(); // the native memory goes with the next collection, even while a finished view is kept
                current = null;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            channel.close();
        }
    }

    /** Queues the full current buffer for the writer thread and takes an empty one. */
    private void handOn() throws IOException {
        lock.lock();
        try {
            throwIfFailed();
            current.flip();
            toWrite.addLast(current);
            if (writer == null) {
                writer = Thread.ofPlatform().daemon().name(writerName).start(this::writeQueued);
            }
            changed.signalAll();
            ByteBuffer next = free.pollFirst();
            if (next == null && allocated < BUFFERS) {
                allocated++;
                next = ByteBuffer.allocateDirect(Math.max(bufferBytes, LATER_BUFFER_BYTES));
            }
            while (next == null) {
                changed.await();
                throwIfFailed();
                next = free.pollFirst();
            }
            current = next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the spool was written");
        } finally {
            lock.unlock();
        }
    }

    /** Returns once the writer thread has nothing queued and is not writing. */
    private void awaitWritten() throws IOException {
        lock.lock();
        try {
            while ((!toWrite.isEmpty() || writing) && failure == null) changed.await();
            throwIfFailed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the spool was written");
        } finally {
            lock.unlock();
        }
    }

    private void throwIfFailed() throws IOException {
        if (failure != null) throw new IOException("writing the spool failed: " + failure.getMessage(), failure);
    }

    /**
     * The writer thread: writes queued buffers in order until the stream is closed, a write fails, or nothing
     * came for a while (a stream nobody closes leaves no thread behind; the next full buffer starts another).
     */
    private void writeQueued() {
        while (true) {
            ByteBuffer next;
            lock.lock();
            try {
                long idleNanos = IDLE_NANOS;
                while (toWrite.isEmpty() && !closing && idleNanos > 0) {
                    try {
                        idleNanos = changed.awaitNanos(idleNanos);
                    } catch (InterruptedException e) {
                        // nobody interrupts this thread; it waits on
                    }
                }
                if (toWrite.isEmpty()) {
                    writer = null;
                    return;
                }
                next = toWrite.pollFirst();
                writing = true;
            } finally {
                lock.unlock();
            }
            IOException failed = null;
            try {
                writeFully(next);
            } catch (IOException e) {
                failed = e;
            }
            lock.lock();
            try {
                next.clear();
                free.addLast(next);
                writing = false;
                if (failed != null && failure == null) failure = failed;
                changed.signalAll();
                if (failure != null) {
                    free.addAll(toWrite); // nothing more is written; the waiting producer sees the failure
                    toWrite.clear();
                    writer = null;
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) channel.write(buffer);
    }
}
