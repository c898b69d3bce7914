package dev.agentstream.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool file gets every byte in order, whichever thread writes it, and a flush means it is all there. */
class SpoolOutputTest {

    @TempDir
    Path tmp;

    @Test
    void manyBuffersOfOutputArriveInOrderAndAFlushMeansAllOfItIsInTheFile() throws Exception {
        Random random = new Random(5);
        Path file = tmp.resolve("spool.log");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (SpoolOutput spool = new SpoolOutput(file, 1 << 16)) {
            for (int round = 0; round < 5; round++) {
                while (expected.size() < (round + 1) * 3 * SpoolOutput.LATER_BUFFER_BYTES) {
                    byte[] piece = new byte[random.nextInt(200_000)];
                    random.nextBytes(piece);
                    int offset = piece.length == 0 ? 0 : random.nextInt(piece.length);
                    spool.write(piece, offset, piece.length - offset);
                    expected.write(piece, offset, piece.length - offset);
                    spool.write(7);
                    expected.write(7);
                }
                spool.flush();
                assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
            }
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @Test
    void outputThatFitsOneBufferStartsNoThreadAndIsInTheFileAfterClose() throws Exception {
        Path file = tmp.resolve("small.log");
        SpoolOutput spool = new SpoolOutput(file, 1 << 16);
        spool.write("small output\n".getBytes());
        assertThat(writerThreads("small.log")).isZero();
        spool.close();
        assertThat(Files.readString(file)).isEqualTo("small output\n");
        spool.close(); // idempotent
    }

    @Test
    void theWriterThreadEndsWithCloseAndWhenLeftIdle() throws Exception {
        SpoolOutput closed = new SpoolOutput(tmp.resolve("closed.log"), 1 << 16);
        closed.write(new byte[3 << 16]);
        closed.close();
        awaitNoWriterThread("closed.log");

        SpoolOutput leftOpen = new SpoolOutput(tmp.resolve("open.log"), 1 << 16);
        leftOpen.write(new byte[3 << 16]); // never closed: its thread must not stay
        awaitNoWriterThread("open.log");
        leftOpen.write(new byte[3 << 16]); // and a later full buffer starts another
        leftOpen.close();
        assertThat(Files.size(tmp.resolve("open.log"))).isEqualTo(6L << 16);
    }

    @Test
    void aFailedWriteIsThrownByALaterCall() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with "no space left on device"
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full));
        SpoolOutput spool = new SpoolOutput(full, 1 << 16);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 64; i++) spool.write(new byte[1 << 16]);
            spool.flush();
        }).isInstanceOf(IOException.class);
        assertThatThrownBy(spool::flush).isInstanceOf(IOException.class);
        assertThatThrownBy(spool::close).isInstanceOf(IOException.class);
        awaitNoWriterThread("full");
    }

    private static long writerThreads(String fileName) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("spool-writer " + fileName) && t.isAlive()).count();
    }

    /** Waits (polling, up to a minute on a loaded machine) for the file's writer thread to end; its idle wait is one second. */
    private static void awaitNoWriterThread(String fileName) throws InterruptedException {
        for (int i = 0; i < 600 && writerThreads(fileName) > 0; i++) Thread.sleep(100);
        assertThat(writerThreads(fileName)).isZero();
    }
}
