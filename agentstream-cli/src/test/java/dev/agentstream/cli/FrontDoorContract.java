package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tick.TickTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every front door promises, run against each of them ({@code tool}, {@code run} through the fake API,
 * {@code mcp} over stdio and over HTTP) as a user or a client drives it: real processes, real bash, real
 * loopback HTTP. A call streams (its first output arrives before its end); a cancel ends the stream with a
 * cancelled result within 2 s and leaves no process of the call behind (checked in /proc); two sessions
 * stay isolated; and a tool added to the catalogue with one entry works through the door.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class FrontDoorContract {

    /** How long a cancel may take to end the reader's stream. */
    static final long CANCEL_LIMIT_MS = 2_000;
    /** Generous: the first call of a door starts a JVM, a sandbox and a shell on a busy 2-core machine. */
    static final long START_LIMIT_MS = 90_000;

    @TempDir
    Path dir;

    FrontDoor door;

    /** One front door, driven as its users drive it. */
    interface FrontDoor extends AutoCloseable {
        DoorSession openSession() throws Exception;

        /** Whether a session outlives a call, so a second call can see what the first one left (not so for {@code tool}). */
        boolean sessionsSpanCalls();

        @Override
        void close() throws Exception;
    }

    interface DoorSession extends AutoCloseable {
        DoorCall start(String tool, String inputJson) throws Exception;

        @Override
        void close() throws Exception;
    }

    /** A call as the door's client sees it. */
    interface DoorCall {
        /** Everything the client has been shown of the call's output so far. */
        String outputSoFar();

        /** The end of the call as the client saw it, once it has. */
        Optional<Ending> ending();

        /** Cancels the call the way this door's users do (Ctrl-C, notifications/cancelled). */
        void cancel() throws Exception;
    }

    /** How a call ended for the client: when, whether as a cancelled result, and its text. */
    record Ending(long seenNanos, boolean cancelled, boolean isError, String text) {}

    abstract FrontDoor open(Path dir) throws Exception;

    @FunctionalInterface
    interface SessionOpener {
        DoorSession open(int number) throws Exception;
    }

    /**
     * A door whose sessions {@code opener} makes (numbered from 1); closing the door closes them, then runs
     * {@code afterSessions} (stopping a server they shared).
     */
    static FrontDoor door(boolean sessionsSpanCalls, SessionOpener opener, AutoCloseable afterSessions) {
        java.util.List<DoorSession> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
        return new FrontDoor() {
            @Override
            public DoorSession openSession() throws Exception {
                DoorSession session = opener.open(sessions.size() + 1);
                sessions.add(session);
                return session;
            }

            @Override
            public boolean sessionsSpanCalls() {
                return sessionsSpanCalls;
            }

            @Override
            public void close() throws Exception {
                for (DoorSession session : sessions) session.close();
                afterSessions.close();
            }
        };
    }

    @BeforeEach
    void openDoor() throws Exception {
        door = open(dir);
    }

    @AfterEach
    void closeDoor() throws Exception {
        if (door != null) door.close();
    }

    @Test
    void aCallStreamsItsFirstOutputBeforeItsEnd() throws Exception {
        try (DoorSession session = door.openSession()) {
            DoorCall call = session.start("bash", "{\"command\":\"echo first-line; sleep 3; echo second-line\"}");
            await(() -> call.outputSoFar().contains("first-line") || call.ending().isPresent(), START_LIMIT_MS);
            assertThat(call.outputSoFar()).as("the first line arrived on its own").contains("first-line").doesNotContain("second-line");
            assertThat(call.ending()).as("while the call still ran").isEmpty();
            Ending end = awaitEnding(call, START_LIMIT_MS);
            assertThat(end.isError()).as(end.text()).isFalse();
            assertThat(end.text()).contains("first-line", "second-line");
        }
    }

    @Test
    void aCancelEndsTheStreamWithACancelledResultWithinTwoSecondsAndLeavesNoProcess() throws Exception {
        // A number no other process on the machine has on its command line.
        String sleep = "sleep " + (600 + ThreadLocalRandom.current().nextInt(100_000) / 1000.0);
        try (DoorSession session = door.openSession()) {
            DoorCall call = session.start("bash", "{\"command\":\"echo started; " + sleep + "; echo never-printed\"}");
            await(() -> call.outputSoFar().contains("started") || call.ending().isPresent(), START_LIMIT_MS);
            await(() -> !processesRunning(sleep).isEmpty(), 30_000);
            assertThat(processesRunning(sleep)).as("the command's sleep runs").isNotEmpty();

            long cancelledAt = System.nanoTime();
            call.cancel();
            await(() -> call.ending().isPresent(), CANCEL_LIMIT_MS);

            Ending end = call.ending().orElseThrow(() -> new AssertionError("the stream did not end within 2 s of the cancel"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(end.seenNanos() - cancelledAt)).isLessThanOrEqualTo(CANCEL_LIMIT_MS);
            assertThat(end.cancelled()).as("a cancelled result: %s", end.text()).isTrue();
            await(() -> processesRunning(sleep).isEmpty(), CANCEL_LIMIT_MS);
            assertThat(processesRunning(sleep)).as("no process of the call is left").isEmpty();
            assertThat(call.outputSoFar() + end.text()).doesNotContain("never-printed");
        }
    }

    @Test
    void twoSessionsStayIsolated() throws Exception {
        String setUp = "{\"command\":\"export CONTRACT_VAR=from-a; cd /usr/share; echo set\"}";
        String probe = "{\"command\":\"echo \\\"var=[${CONTRACT_VAR:-}] cwd=[$(pwd)]\\\"\"}";
        try (DoorSession a = door.openSession(); DoorSession b = door.openSession()) {
            assertThat(awaitEnding(a.start("bash", setUp), START_LIMIT_MS).text()).contains("set");
            String seenByB = awaitEnding(b.start("bash", probe), START_LIMIT_MS).text();
            assertThat(seenByB).contains("var=[]").doesNotContain("from-a").doesNotContain("cwd=[/usr/share]");
            if (door.sessionsSpanCalls()) {
                // Not a vacuous isolation: the session that set them still has them.
                assertThat(awaitEnding(a.start("bash", probe), START_LIMIT_MS).text()).contains("var=[from-a]", "cwd=[/usr/share]");
            }
        }
    }

    @Test
    void aToolAddedToTheCatalogueWithOneEntryRunsAndStreamsThroughThisDoor() throws Exception {
        try (DoorSession session = door.openSession()) {
            DoorCall call = session.start(TickTool.NAME, "{\"count\":4,\"ms\":400}");
            await(() -> call.outputSoFar().contains("tick 1") || call.ending().isPresent(), START_LIMIT_MS);
            assertThat(call.ending()).as("tick 1 arrived while it ticked on").isEmpty();
            Ending end = awaitEnding(call, START_LIMIT_MS);
            assertThat(end.isError()).as(end.text()).isFalse();
            assertThat(end.text()).contains("ticked 4 times");
        }
    }

    static Ending awaitEnding(DoorCall call, long limitMs) throws InterruptedException {
        await(() -> call.ending().isPresent(), limitMs);
        return call.ending().orElseThrow(() -> new AssertionError("the call did not end within " + limitMs + " ms; output so far: "
                + call.outputSoFar()));
    }

    static void await(BooleanSupplier condition, long limitMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(10);
    }

    /** The pids of live processes whose command line holds {@code text}, read from /proc. */
    static java.util.List<Long> processesRunning(String text) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> commandLine(p).contains(text) && !isZombie(p))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String commandLine(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isZombie(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
