package dev.agentstream.mcp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns for the call threads that send progress notifications: at most {@code width} send at once, the others
 * wait parked in the order they asked (first come, first served), so many streams share the carriers round-robin.
 *
 * <p>Why: virtual threads are not time-sliced, and 200 senders that only yield keep the scheduler's queues full of
 * runnable threads; threads woken by I/O (a command's output arriving, a client's reply) then waited seconds behind
 * them. Senders waiting for a turn are parked instead, so the queues stay short.
 *
 * <p>A turn covers encoding and writing one notification; a write to a client that reads slowly blocks, so a turn
 * held longer than the hold limit is given to the next sender (its holder goes on writing, without a turn), and
 * one slow client cannot hold the others up for more than that.
 */
final class SenderTurns {

    /**
     * Gives turns back for virtual threads. A virtual thread that wakes the next sender itself puts it on its own
     * carrier's queue, which that carrier runs before anything woken from outside (a call whose command's output
     * just arrived from its reader thread, for one): the senders would hand turns to each other there and starve
     * the rest (one session waited 1.7 s for its first numbers with one carrier). Woken from a platform thread, the
     * next sender queues with everything else.
     */
    private static final Executor HANDOFF = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("sender-turn-handoff").factory());

    private final Semaphore free;
    private final long holdLimitNanos;
    private final Set<Turn> held = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean keeperRunning = new AtomicBoolean();

    SenderTurns(int width, Duration holdLimit) {
        if (width < 1) throw new IllegalArgumentException("width must be at least 1: " + width);
        this.free = new Semaphore(width, true);
        this.holdLimitNanos = holdLimit.toNanos();
    }

    /** As many senders at once as there are carriers for virtual threads; a turn is given up after 100 ms. */
    static SenderTurns forThisMachine() {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        return new SenderTurns(Math.max(1, carriers), Duration.ofMillis(100));
    }

    /** Waits for a turn, behind those who asked earlier; close the turn when the notification is sent. */
    Turn take() {
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a turn to send a notification.");
        }
        Turn turn = new Turn(System.nanoTime());
        held.add(turn);
        if (keeperRunning.compareAndSet(false, true)) Thread.ofVirtual().name("sender-turn-keeper").start(this::keepTurnsShort);
        return turn;
    }

    /** Senders waiting for a turn. */
    int waiting() {
        return free.getQueueLength();
    }

    /** Turns nobody holds. */
    int free() {
        return free.availablePermits();
    }

    /** Runs while turns are held: gives the overdue ones to the next sender. */
    private void keepTurnsShort() {
        try {
            while (true) {
                Thread.sleep(Duration.ofNanos(holdLimitNanos));
                long now = System.nanoTime();
                for (Turn turn : held) {
                    if (now - turn.since > holdLimitNanos) turn.giveBack();
                }
                if (held.isEmpty()) {
                    keeperRunning.set(false);
                    // A turn taken between the check and the flag found the keeper still running: go on for it.
                    if (held.isEmpty() || !keeperRunning.compareAndSet(false, true)) return;
                }
            }
        } catch (InterruptedException e) {
            keeperRunning.set(false);
        }
    }

    /** One sender's turn; closing it after the keeper gave it away does nothing. */
    final class Turn implements AutoCloseable {
        private final long since;
        private final AtomicBoolean givenBack = new AtomicBoolean();

        private Turn(long since) {
            this.since = since;
        }

        @Override
        public void close() {
            giveBack();
        }

        private void giveBack() {
            if (givenBack.compareAndSet(false, true)) {
                held.remove(this);
                if (Thread.currentThread().isVirtual()) HANDOFF.execute(free::release);
                else free.release();
            }
        }
    }
}
