package dev.agentstream.tools.edit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Finds where a line starts by counting {@code \n} bytes, without decoding. Valid for UTF-8 (and any
 * ASCII-based charset), where the byte 0x0A only ever means a line feed; this is what lets a view_range
 * near the end of a huge file skip to its lines quickly and in fixed memory.
 */
final class LineSeeker {

    private static final int BUFFER_BYTES = 64 * 1024;

    private LineSeeker() {}

    /**
     * Where {@code channel} stands after moving from its position past {@code lines} line feeds.
     *
     * @param lines     how many line breaks to pass
     * @param progress  told the byte position now and then
     * @return the number of line feeds passed: {@code lines}, or fewer if the file ended first
     */
    static long skipLines(FileChannel channel, long lines, LongConsumer progress, BooleanSupplier cancelled)
            throws IOException {
        if (lines <= 0) return 0;
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        byte[] bytes = buffer.array();
        long passed = 0;
        long position = channel.position();
        while (!cancelled.getAsBoolean()) {
            buffer.clear();
            int read = channel.read(buffer);
            if (read <= 0) break;
            for (int i = 0; i < read; i++) {
                if (bytes[i] == '\n' && ++passed == lines) {
                    channel.position(position + i + 1);
                    return passed;
                }
            }
            position += read;
            progress.accept(position);
        }
        return passed;
    }
}
