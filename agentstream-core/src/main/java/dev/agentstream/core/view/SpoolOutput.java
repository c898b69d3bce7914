package dev.agentstream.core.view;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A buffered output stream to a file whose buffer is off the heap: a write is one copy into the buffer and
 * the buffer goes to the file as it is. (A {@code BufferedOutputStream} over a file stream copies each byte
 * twice before the kernel does, into its heap buffer and then into a native one for the write call, which on a
 * gigabyte of spooled output is a second pass over it.)
 */
final class SpoolOutput extends OutputStream {

    private final FileChannel channel;
    private final ByteBuffer buffer;

    SpoolOutput(Path file, int bufferBytes) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
    }

    @Override
    public void write(int b) throws IOException {
        if (!buffer.hasRemaining()) drain();
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!buffer.hasRemaining()) drain();
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) return;
        try {
            drain();
        } finally {
            channel.close();
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) channel.write(buffer);
        buffer.clear();
    }
}
