package dev.agentstream.tools.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Swaps a path inside a root between its real self and a symbolic link leading outside, with rename, in a
 * tight loop on its own thread: the race a root check followed by an open must survive.
 */
final class LinkSwapper implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong swaps = new AtomicLong();
    private final Thread thread;
    private volatile Throwable failure;

    private LinkSwapper(String name, SwapStep step) {
        thread = new Thread(() -> {
            try {
                while (running.get()) {
                    step.swapOnce();
                    swaps.incrementAndGet();
                }
            } catch (Throwable e) {
                failure = e;
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @FunctionalInterface
    private interface SwapStep {
        void swapOnce() throws IOException;
    }

    /** {@code file} is in turn a regular file holding {@code content} and a link to {@code outside}. */
    static LinkSwapper file(Path file, String content, Path outside) {
        Path parkedFile = file.resolveSibling(file.getFileName() + ".file");
        Path parkedLink = file.resolveSibling(file.getFileName() + ".link");
        return new LinkSwapper("swap-file", () -> {
            Files.writeString(parkedFile, content);
            Files.move(parkedFile, file, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(parkedLink);
            Files.createSymbolicLink(parkedLink, outside);
            Files.move(parkedLink, file, StandardCopyOption.ATOMIC_MOVE);
        });
    }

    /** {@code folder} (which must exist) is in turn itself and a link to {@code outside}. */
    static LinkSwapper folder(Path folder, Path outside) throws IOException {
        Path parkedFolder = folder.resolveSibling(folder.getFileName() + ".real");
        Path parkedLink = folder.resolveSibling(folder.getFileName() + ".link");
        Files.createSymbolicLink(parkedLink, outside);
        return new LinkSwapper("swap-folder", () -> {
            Files.move(folder, parkedFolder, StandardCopyOption.ATOMIC_MOVE);
            Files.move(parkedLink, folder, StandardCopyOption.ATOMIC_MOVE);
            Files.move(folder, parkedLink, StandardCopyOption.ATOMIC_MOVE);
            Files.move(parkedFolder, folder, StandardCopyOption.ATOMIC_MOVE);
        });
    }

    long swaps() {
        return swaps.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
        if (failure != null) throw new UncheckedIOException(new IOException("The swapping thread failed: " + failure, failure));
    }
}
