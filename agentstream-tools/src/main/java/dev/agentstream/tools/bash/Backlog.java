package dev.agentstream.tools.bash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Output a command prints while no call is reading it (after a timeout returned), kept on disk so that
 * nothing is lost and memory stays flat; the next call replays it before the live output.
 */
final class Backlog implements AutoCloseable {

    private final Path file;
    private Writer writer;
    private boolean empty = true;

    Backlog(Path file) {
        this.file = file;
    }

    void append(String text) {
        try {
            if (writer == null) {
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            }
            writer.write(text);
            empty = false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot keep the shell's output in " + file, e);
        }
    }

    /** Hands everything kept so far to {@code sink} in chunks, then starts empty again. */
    void drainTo(Consumer<String> sink) throws IOException {
        if (empty) return;
        writer.close();
        writer = null;
        char[] buffer = new char[8192];
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n;
            while ((n = reader.read(buffer)) > 0) {
                sink.accept(new String(buffer, 0, n));
            }
        }
        empty = true;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) writer.close();
        Files.deleteIfExists(file);
    }
}
