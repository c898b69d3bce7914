package dev.agentstream.mcp;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tool-call metrics (Micrometer) shared by the front doors that serve {@code /metrics}: calls by tool and
 * outcome (ok, error, cancelled, failed), their duration and time to first output, bytes of output and
 * sizes of images. Fed with each call's events as they are delivered.
 */
public final class ToolMetrics {

    private final MeterRegistry registry;
    /** Calls that have printed something already, so only their first output is timed. */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    public ToolMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one event of a call of {@code tool}. */
    public void record(String tool, ToolEvent event) {
        switch (event) {
            case ToolEvent.Output o -> {
                Counter.builder("agentstream.tool.output.bytes").tag("tool", tool).description("Bytes of output tools streamed")
                        .register(registry).increment(o.utf8() != null ? o.utf8().length : o.text().getBytes(StandardCharsets.UTF_8).length);
                if (answered.add(o.callId())) {
                    Timer.builder("agentstream.tool.first.output").tag("tool", tool).description("Time from a call's start to its first output")
                            .publishPercentileHistogram().register(registry).record(Duration.ofMillis(o.t()));
                }
            }
            case ToolEvent.Image i -> DistributionSummary.builder("agentstream.tool.image.bytes").tag("tool", tool).baseUnit("bytes")
                    .description("Sizes of images tools returned").register(registry).record(i.bytes().length);
            case ToolEvent.Completed c -> finished(tool, c.callId(), outcome(c.result()), c.t());
            case ToolEvent.Failed f -> finished(tool, f.callId(), "failed", f.t());
            default -> {}
        }
    }

    private void finished(String tool, String callId, String outcome, long millis) {
        answered.remove(callId);
        Counter.builder("agentstream.tool.calls").tag("tool", tool).tag("outcome", outcome).description("Tool calls by tool and outcome")
                .register(registry).increment();
        Timer.builder("agentstream.tool.duration").tag("tool", tool).description("How long tool calls ran")
                .publishPercentileHistogram().register(registry).record(Duration.ofMillis(millis));
    }

    private static String outcome(ToolResult result) {
        if (Boolean.TRUE.equals(result.metadata().get("cancelled"))) return "cancelled";
        return result.isError() ? "error" : "ok";
    }
}
