package dev.agentstream.agent.model;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.MessageCreateParams;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentListener;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one model turn, retrying it as a whole when the request or the stream fails in a retryable way.
 * The partial reply of a failed attempt is thrown away and the same request is sent again; tool calls that
 * already started from it are not undone, which is why the caller learns of each failed attempt and keeps
 * their results (see {@code ToolCallLedger}).
 */
public final class TurnStreamer {

    private static final Logger log = LoggerFactory.getLogger(TurnStreamer.class);

    /** Told when an attempt failed and will be retried, before the next attempt starts. */
    public interface AttemptListener {
        void attemptFailed(int turn, int attempt, Throwable failure);
    }

    private final ModelClient client;
    private final RetryPolicy retry;
    private final AgentListener listener;
    private final Object lock = new Object();
    private StreamResponse<BetaRawMessageStreamEvent> current;
    private volatile boolean aborted;
    private volatile TurnAssembler lastAttempt;

    public TurnStreamer(ModelClient client, RetryPolicy retry, AgentListener listener) {
        this.client = client;
        this.retry = retry;
        this.listener = listener;
    }

    /**
     * The finished turn, or empty when {@link #abort()} ended it (then {@link #partial()} has what arrived).
     *
     * @throws ModelFailure when the failure is not retryable or the retries ran out
     */
    public Optional<AssembledTurn> stream(int turn, MessageCreateParams params, Consumer<ToolUseBlock> onToolUse, AttemptListener attempts) {
        for (int attempt = 1; ; attempt++) {
            if (aborted) return Optional.empty();
            TurnAssembler assembler = new TurnAssembler(turn, listener, onToolUse);
            lastAttempt = assembler;
            try {
                streamOnce(params, assembler);
                if (aborted) return Optional.empty();
                if (!assembler.complete()) {
                    throw new IncompleteStreamException("the stream ended before message_stop");
                }
                return Optional.of(assembler.result());
            } catch (RuntimeException failure) {
                if (aborted) return Optional.empty();
                Optional<Duration> delay = retry.delayBefore(attempt, failure);
                if (delay.isEmpty()) {
                    String message = RetryPolicy.retryableReason(failure).isPresent()
                            ? "The API still failed after " + retry.maxRetries() + " retries: " + RetryPolicy.retryableReason(failure).get() + "; try again later."
                            : RetryPolicy.describe(failure);
                    throw new ModelFailure(message, failure, RetryPolicy.problem(failure));
                }
                String reason = RetryPolicy.retryableReason(failure).orElseThrow();
                log.info("Turn {} attempt {} failed ({}); retrying in {} ms", turn, attempt, reason, delay.get().toMillis());
                attempts.attemptFailed(turn, attempt, failure);
                listener.accept(new AgentEvent.Retrying(turn, attempt, retry.maxRetries(), delay.get().toMillis(), reason));
                if (!sleep(delay.get())) return Optional.empty();
            }
        }
    }

    private void streamOnce(MessageCreateParams params, TurnAssembler assembler) {
        StreamResponse<BetaRawMessageStreamEvent> response = client.stream(params);
        synchronized (lock) {
            current = response;
        }
        try (response) {
            if (aborted) return;
            for (BetaRawMessageStreamEvent event : response) {
                assembler.accept(event);
                if (assembler.complete()) break;
            }
        } finally {
            synchronized (lock) {
                current = null;
            }
        }
    }

    /** What arrived of the last attempt before {@link #abort()} cut it off; empty if nothing was streamed. */
    public Optional<AssembledTurn> partial() {
        TurnAssembler attempt = lastAttempt;
        return attempt == null ? Optional.empty() : Optional.of(attempt.partial()).filter(t -> !t.content().isEmpty());
    }

    /** Ends the turn now: closes the open stream (from any thread) and stops any retry wait. */
    public void abort() {
        aborted = true;
        StreamResponse<BetaRawMessageStreamEvent> open;
        synchronized (lock) {
            open = current;
            lock.notifyAll();
        }
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                log.debug("Closing the aborted stream failed: {}", e.toString());
            }
        }
    }

    private boolean sleep(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            while (!aborted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return true;
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }
}
