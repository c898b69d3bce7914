package dev.agentstream.tools.bash;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps input sent for a command from becoming the shell's next command.
 *
 * <p>Text sent with {@code stdin} is typed into the terminal; whatever the command does not read stays in the
 * terminal's input queue, and bash would read it as a command once the command ends. So at every prompt the
 * shell first waits on a FIFO ({@link #promptCommand}); meanwhile {@link #discard()} flushes the terminal's
 * input queue ({@code tcflush(TCIFLUSH)} on the pty's slave side) and {@link #release()} lets the shell go on.
 * Because the shell is parked until the flush is done, no leftover input can slip in between.
 */
final class TypeAhead implements AutoCloseable {

    /** What the flush learnt: bytes thrown away, or {@link #UNKNOWN} when the queue could not be measured. */
    static final long UNKNOWN = -1;

    interface LibC extends Library {
        int open(String path, int flags);

        int close(int fd);

        int mkfifo(String path, int mode);

        int ioctl(int fd, long request, IntByReference value);

        int tcflush(int fd, int queue);

        int tcgetattr(int fd, byte[] termios);

        int tcsetattr(int fd, int when, byte[] termios);
    }

    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = Platform.isLinux() ? 0x100 : 0x20000;
    private static final int O_NONBLOCK = Platform.isLinux() ? 0x800 : 0x4;
    private static final int TCIFLUSH = Platform.isLinux() ? 0 : 1;
    private static final long FIONREAD = Platform.isLinux() ? 0x541B : 0x4004667FL;
    /** struct termios as Linux lays it out on x86 and ARM: c_lflag at byte 12, ICANON = 2. */
    private static final boolean KNOWN_TERMIOS = Platform.isLinux() && (Platform.isIntel() || Platform.isARM());
    private static final int LFLAG_OFFSET = 12;
    private static final int ICANON = 2;

    private static volatile LibC loadedLibc;

    private final LibC libc;
    private final int terminal;
    private final FileChannel release;

    private TypeAhead(LibC libc, int terminal, FileChannel release) {
        this.libc = libc;
        this.terminal = terminal;
        this.release = release;
    }

    /** Creates the FIFO the shell waits on at each prompt; it must exist before the shell's first prompt. */
    static Path createFifo(Path fifo) throws IOException {
        if (libc().mkfifo(fifo.toString(), 0600) != 0) {
            throw new IOException("Could not create the FIFO " + fifo + " (errno " + Native.getLastError() + ").");
        }
        return fifo;
    }

    /** Opens the pty's slave side by name, and the FIFO made by {@link #createFifo}. */
    static TypeAhead open(String slaveName, Path fifo) throws IOException {
        LibC libc = libc();
        int fd = libc.open(slaveName, O_RDWR | O_NOCTTY | O_NONBLOCK);
        if (fd < 0) {
            throw new IOException("Could not open the terminal " + slaveName + " (errno " + Native.getLastError() + ").");
        }
        try {
            // Read and write: the open does not wait for a reader, and the FIFO never reports end-of-file.
            FileChannel release = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new TypeAhead(libc, fd, release);
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    /**
     * The C library, loaded once: every {@code Native.load} takes JNA's one global library lock, and with 200
     * shells starting at once (an HTTP server's sessions opening together) they queued on it for seconds.
     */
    static LibC libc() throws IOException {
        LibC libc = loadedLibc;
        if (libc == null) {
            try {
                libc = Native.load("c", LibC.class);
            } catch (LinkageError e) {
                throw new IOException("The C library could not be loaded to guard the terminal's input: " + e.getMessage());
            }
            loadedLibc = libc; // two threads loading at the same moment both get a working library: no harm
        }
        return libc;
    }

    /** The shell's part, run at each prompt after the completion marker: wait until the input is flushed. */
    static String promptCommand(Path fifo) {
        return "read -r _ < '" + fifo.toString().replace("'", "'\\''") + "'";
    }

    /** Lets the shell waiting at its prompt read its next command. */
    void release() throws IOException {
        release.write(ByteBuffer.wrap(new byte[] {'\n'}));
    }

    /** Flushes the terminal's input queue; returns the bytes thrown away, or {@link #UNKNOWN}. */
    synchronized long discard() {
        byte[] saved = new byte[64];
        boolean canonical = KNOWN_TERMIOS && libc.tcgetattr(terminal, saved) == 0
                && (saved[LFLAG_OFFSET] & ICANON) != 0;
        if (canonical) {
            // In line mode the queue reports only complete lines; a moment in raw mode counts a partial one too.
            byte[] raw = saved.clone();
            raw[LFLAG_OFFSET] &= (byte) ~ICANON;
            canonical = libc.tcsetattr(terminal, 0, raw) == 0;
        }
        IntByReference pending = new IntByReference(-1);
        boolean counted = libc.ioctl(terminal, FIONREAD, pending) == 0;
        libc.tcflush(terminal, TCIFLUSH);
        if (canonical) {
            libc.tcsetattr(terminal, 0, saved);
        }
        return counted && pending.getValue() >= 0 ? pending.getValue() : UNKNOWN;
    }

    @Override
    public synchronized void close() {
        try {
            release.close();
        } catch (IOException e) {
            // nothing left to release: the shell is gone
        }
        libc.close(terminal);
    }
}
