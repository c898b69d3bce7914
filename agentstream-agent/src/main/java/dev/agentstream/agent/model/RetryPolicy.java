package dev.agentstream.agent.model;

import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicRetryableException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import dev.agentstream.agent.AgentSettings.RetrySettings;
import dev.agentstream.agent.ModelProblem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which failures are worth another try, and how long to wait: rate limits (429), overload (529 or an
 * overloaded_error event inside the stream), server errors (5xx), timeouts, and connections that broke or
 * ended before the reply was complete. The wait doubles each attempt up to a cap, and half of it is random
 * so that many clients hit by the same outage do not come back in lockstep. A retry-after header from the
 * server is honoured when it asks for longer.
 */
public final class RetryPolicy {

    private static final Set<String> RETRYABLE_ERROR_TYPES = Set.of("overloaded_error", "api_error", "rate_limit_error", "timeout_error");
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(2);

    private final RetrySettings settings;
    private final RandomGenerator random;

    public RetryPolicy(RetrySettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    public int maxRetries() {
        return settings.maxRetries();
    }

    /** Why {@code failure} is worth retrying, in a few words for a person; empty if it is not. */
    public static Optional<String> retryableReason(Throwable failure) {
        if (failure instanceof IncompleteStreamException) return Optional.of("the reply stream ended early");
        if (failure instanceof SseException sse) {
            String type = sse.type().map(t -> t.asString()).orElse("error");
            return RETRYABLE_ERROR_TYPES.contains(type) ? Optional.of(type + " inside the stream") : Optional.empty();
        }
        if (failure instanceof AnthropicServiceException service) {
            int status = service.statusCode();
            if (status == 429) return Optional.of("rate limited (429)");
            if (status == 529) return Optional.of("overloaded (529)");
            if (status == 408 || status == 409 || status >= 500) return Optional.of("server error (" + status + ")");
            return Optional.empty();
        }
        if (failure instanceof AnthropicIoException) return Optional.of("connection lost (" + rootMessage(failure) + ")");
        if (failure instanceof AnthropicRetryableException) return Optional.of("request failed (" + rootMessage(failure) + ")");
        // A stream cut mid-event can surface as JSON that does not parse.
        if (failure instanceof AnthropicInvalidDataException) return Optional.of("garbled stream (" + rootMessage(failure) + ")");
        return Optional.empty();
    }

    /** How long to wait before retry number {@code retry} (1 for the first), or empty when it should not happen. */
    public Optional<Duration> delayBefore(int retry, Throwable failure) {
        if (retry > settings.maxRetries() || retryableReason(failure).isEmpty()) return Optional.empty();
        long capMs = settings.maxDelay().toMillis();
        long exponential = Math.min(capMs, settings.baseDelay().toMillis() << Math.min(retry - 1, 20));
        long half = exponential / 2;
        long delay = half + (half > 0 ? random.nextLong(half + 1) : 0);
        Optional<Duration> retryAfter = retryAfter(failure);
        if (retryAfter.isPresent()) delay = Math.max(delay, retryAfter.get().toMillis());
        return Optional.of(Duration.ofMillis(delay));
    }

    private static Optional<Duration> retryAfter(Throwable failure) {
        if (!(failure instanceof AnthropicServiceException service) || failure instanceof SseException) return Optional.empty();
        List<String> values = service.headers().values("retry-after");
        if (values.isEmpty()) return Optional.empty();
        try {
            double seconds = Double.parseDouble(values.get(0).trim());
            Duration wait = Duration.ofMillis((long) (seconds * 1000));
            return Optional.of(wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The failure as a problem with the model asked for (403, 404), which a front door words with its own controls. */
    public static Optional<ModelProblem> problem(Throwable failure) {
        if (!(failure instanceof AnthropicServiceException service) || failure instanceof SseException) return Optional.empty();
        int status = service.statusCode();
        return status == 403 || status == 404
                ? Optional.of(new ModelProblem.Refused(status, service.apiMessage().orElse(rootMessage(failure)))) : Optional.empty();
    }

    /** A one-sentence account of a failure that will not be retried, saying what to do (naming no front door's controls). */
    public static String describe(Throwable failure) {
        Optional<ModelProblem> problem = problem(failure);
        if (problem.isPresent()) return problem.get().detail();
        if (failure instanceof AnthropicServiceException service && !(failure instanceof SseException)) {
            int status = service.statusCode();
            String detail = service.apiMessage().orElse(rootMessage(failure));
            return switch (status) {
                case 401 -> "The API key was rejected (401: " + detail + "); check ANTHROPIC_API_KEY.";
                case 400, 413, 422 -> "The API rejected the request (" + status + ": " + detail + ").";
                default -> "The API answered " + status + " (" + detail + ").";
            };
        }
        if (failure instanceof SseException sse) {
            return "The API reported an error inside the stream (" + sse.type().map(t -> t.asString()).orElse("error") + ": "
                    + sse.apiMessage().orElse(rootMessage(failure)) + ").";
        }
        return "The request to the API failed (" + rootMessage(failure) + ").";
    }

    private static String rootMessage(Throwable failure) {
        return dev.agentstream.agent.ErrorText.of(failure);
    }
}
