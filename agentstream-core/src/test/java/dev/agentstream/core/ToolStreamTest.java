package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolStreamTest {

    @TempDir
    Path spool;

    private ToolContext context() {
        return new ToolContext(Session.create(), RuntimeConfig.defaults().withSpoolDir(spool));
    }

    private static ToolCall call(String id) {
        return new ToolCall(id, "test", null);
    }

    @Test
    void startedComesFirstAndExactlyOneTerminalEventEndsTheStream() {
        ToolStream stream = ToolStreams.start(call("c1"), context(), scope -> {
            scope.output("stdout", "hello\n");
            return ToolResult.text("done");
        });
        List<ToolEvent> events = new ArrayList<>();
        stream.forEach(events::add);
        assertThat(events.getFirst()).isInstanceOf(ToolEvent.Started.class);
        assertThat(events.get(1)).isEqualTo(new ToolEvent.Output("c1", events.get(1).t(), "stdout", "hello\n"));
        assertThat(events.getLast()).isInstanceOf(ToolEvent.Completed.class);
        assertThat(events.stream().filter(ToolEvent::isTerminal)).hasSize(1);
        ToolResult result = ((ToolEvent.Completed) events.getLast()).result();
        assertThat(result.metadata()).containsKeys("durationMs", "bytes", "lines", "spoolPath", "truncated");
        assertThat(result.metadata()).containsEntry("bytes", 6L).containsEntry("lines", 1L);
    }

    @Test
    void aCallWithoutOutputWritesNoSpoolFileAndNamesNone() throws Exception {
        ToolStream stream = ToolStreams.start(call("quiet"), context(), scope -> ToolResult.text("done"));
        ToolResult result = ((ToolEvent.Completed) stream.awaitTerminal()).result();
        assertThat(result.metadata()).containsEntry("bytes", 0L).doesNotContainKey("spoolPath");
        try (var files = java.nio.file.Files.walk(spool)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aSlowReaderSlowsTheProducerInsteadOfGrowingMemory() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        ToolStream stream = ToolStreams.start(call("c2"), context(), scope -> {
            for (int i = 0; i < 10_000; i++) {
                scope.output("stdout", "x");
                produced.incrementAndGet();
            }
            return ToolResult.text("done");
        });
        Thread.sleep(300); // give the producer time to fill the buffer, nobody reads
        assertThat(produced.get()).isLessThanOrEqualTo(ToolStream.DEFAULT_CAPACITY + 1);
        int read = 0;
        for (ToolEvent e : stream) {
            if (e instanceof ToolEvent.Output) read++;
        }
        assertThat(read).isEqualTo(10_000);
    }

    @Test
    void largeOutputWaitingForTheReaderIsBoundedInCharactersNotOnlyInEvents() throws Exception {
        int chunk = 64 * 1024;
        AtomicInteger produced = new AtomicInteger();
        ToolStream stream = ToolStreams.start(call("big"), context(), scope -> {
            for (int i = 0; i < 100; i++) {
                scope.output("stdout", "y".repeat(chunk));
                produced.incrementAndGet();
            }
            return ToolResult.text("done");
        });
        Thread.sleep(300); // give the producer time to fill the buffer, nobody reads
        // 100 chunks fit in the 256 events, but not in the characters allowed to wait.
        assertThat(produced.get()).isLessThanOrEqualTo(ToolStream.MAX_QUEUED_OUTPUT_CHARS / chunk + 1);
        long chars = 0;
        for (ToolEvent e : stream) {
            if (e instanceof ToolEvent.Output output) chars += output.text().length();
        }
        assertThat(chars).isEqualTo(100L * chunk);
    }

    @Test
    void aProducerWaitingForRoomIsFreedWhenTheReaderClosesTheStream() throws Exception {
        int chunk = 64 * 1024;
        AtomicInteger produced = new AtomicInteger();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<Thread> producer = new AtomicReference<>();
        ToolStream stream = ToolStreams.start(call("abandoned"), context(), scope -> {
            producer.set(Thread.currentThread());
            for (int i = 0; i < 100; i++) { // ignores cancellation: only the stream can let it go on
                scope.output("stdout", "w".repeat(chunk));
                produced.incrementAndGet();
            }
            interrupted.set(Thread.currentThread().isInterrupted());
            return ToolResult.text("done");
        });
        awaitWaitingInPublish(producer); // for room nobody makes: the reader takes nothing
        assertThat(produced.get()).isLessThan(100);
        stream.close();
        assertThat(stream.terminalProduced().get(30, TimeUnit.SECONDS)).isInstanceOf(ToolEvent.Completed.class);
        assertThat(produced.get()).isEqualTo(100);
        // let go by the close itself, not by the interrupt that cancelling sends after its grace period
        assertThat(interrupted).isFalse();
    }

    /** Returns once the thread {@code producer} holds is parked inside {@link ToolStream#publish}. */
    private static void awaitWaitingInPublish(AtomicReference<Thread> producer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Thread thread = producer.get();
            if (thread != null && thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(ToolStream.class.getName()) && f.getMethodName().equals("publish"))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the producer never waited for room in publish");
    }

    @Test
    void oneChunkLargerThanTheCharLimitStillPasses() {
        String huge = "z".repeat((int) ToolStream.MAX_QUEUED_OUTPUT_CHARS * 2);
        ToolStream stream = ToolStreams.start(call("c6"), context(), scope -> {
            scope.output("stdout", huge);
            scope.output("stdout", huge);
            return ToolResult.text("done");
        });
        List<String> texts = new ArrayList<>();
        for (ToolEvent e : stream) {
            if (e instanceof ToolEvent.Output o) texts.add(o.text());
        }
        assertThat(texts).containsExactly(huge, huge);
    }

    @Test
    void closingTheStreamCancelsTheWorkAndWaitsForItsCleanUp() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        ToolStream stream = ToolStreams.start(call("c3"), context(), scope -> {
            CountDownLatch stop = new CountDownLatch(1);
            scope.onCancel(stop::countDown);
            started.countDown();
            stop.await();
            cleanedUp.set(true);
            return ToolResult.text("stopped");
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        stream.close();
        assertThat(cleanedUp).isTrue();
        assertThat(stream.terminal()).get().isInstanceOfSatisfying(ToolEvent.Completed.class,
                c -> assertThat(c.result().metadata()).containsEntry("cancelled", true));
    }

    @Test
    void badInputBecomesAnErrorResultAndACrashBecomesAFailedEvent() {
        ToolEvent bad = ToolStreams.start(call("c4"), context(), scope -> {
            throw new ToolInputException("'path' must be absolute; pass /full/path.");
        }).awaitTerminal();
        assertThat(bad).isInstanceOfSatisfying(ToolEvent.Completed.class, c -> {
            assertThat(c.result().isError()).isTrue();
            assertThat(c.result().text()).isEqualTo("'path' must be absolute; pass /full/path.");
        });

        ToolEvent crash = ToolStreams.start(call("c5"), context(), scope -> {
            throw new IllegalStateException("boom");
        }).awaitTerminal();
        assertThat(crash).isInstanceOfSatisfying(ToolEvent.Failed.class,
                f -> assertThat(f.error().message()).isEqualTo("boom"));
    }

    @Test
    void progressIsThrottledToAboutTenASecond() {
        ToolEvent terminal;
        List<ToolEvent> events = new ArrayList<>();
        try (ToolStream stream = ToolStreams.start(call("c6"), context(), scope -> {
            long end = System.nanoTime() + 500_000_000L;
            long i = 0;
            while (System.nanoTime() < end) {
                scope.progress("working", java.util.OptionalDouble.empty(), java.util.Map.of("items", i++));
            }
            return ToolResult.text("done");
        })) {
            terminal = stream.awaitTerminal(events::add);
        }
        assertThat(terminal).isInstanceOf(ToolEvent.Completed.class);
        long progress = events.stream().filter(e -> e instanceof ToolEvent.Progress).count();
        assertThat(progress).isBetween(1L, 7L);
    }
}
