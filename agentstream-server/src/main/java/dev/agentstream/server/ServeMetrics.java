package dev.agentstream.server;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics (Micrometer), fed by every session's events: tool calls by tool and
 * outcome, their duration and time to first output, bytes of tool output and of events streamed to pages,
 * open and running sessions, model API requests and retries, and tokens by kind.
 */
final class ServeMetrics implements AgentListener {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Calls that have printed something already, so only their first output is timed. */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Counter apiRequests;
    private final Counter retries;
    private final Counter eventBytes;

    ServeMetrics(IntSupplier openSessions, IntSupplier runningSessions) {
        Gauge.builder("agentstream.sessions.open", openSessions::getAsInt).description("Sessions open in this server").register(registry);
        Gauge.builder("agentstream.sessions.active", runningSessions::getAsInt).description("Sessions working on a task now").register(registry);
        apiRequests = Counter.builder("agentstream.api.requests").description("Requests sent to the model API, retries included").register(registry);
        retries = Counter.builder("agentstream.api.retries").description("Model API requests retried after a failure").register(registry);
        eventBytes = Counter.builder("agentstream.events.streamed.bytes").description("Bytes of event JSON sent to pages").register(registry);
    }

    @Override
    public void accept(AgentEvent event) {
        switch (event) {
            case AgentEvent.TurnStarted t -> apiRequests.increment();
            case AgentEvent.Retrying r -> {
                retries.increment();
                apiRequests.increment();
            }
            case AgentEvent.Usage u -> {
                tokens("input", u.turnUsage().input());
                tokens("output", u.turnUsage().output());
                tokens("cache_read", u.turnUsage().cacheRead());
                tokens("cache_write", u.turnUsage().cacheWrite());
            }
            case AgentEvent.Tool t -> tool(t.toolName(), t.event());
            default -> {}
        }
    }

    private void tool(String name, ToolEvent event) {
        switch (event) {
            case ToolEvent.Output o -> {
                Counter.builder("agentstream.tool.output.bytes").tag("tool", name).description("Bytes of output tools streamed")
                        .register(registry).increment(o.text().getBytes(StandardCharsets.UTF_8).length);
                if (answered.add(o.callId())) {
                    Timer.builder("agentstream.tool.first.output").tag("tool", name).description("Time from a call's start to its first output")
                            .publishPercentileHistogram().register(registry).record(Duration.ofMillis(o.t()));
                }
            }
            case ToolEvent.Image i -> DistributionSummary.builder("agentstream.tool.image.bytes").tag("tool", name).baseUnit("bytes")
                    .description("Sizes of images tools returned").register(registry).record(i.bytes().length);
            case ToolEvent.Completed c -> finished(name, c.callId(), outcome(c.result()), c.t());
            case ToolEvent.Failed f -> finished(name, f.callId(), "failed", f.t());
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

    private void tokens(String kind, long count) {
        Counter.builder("agentstream.tokens").tag("kind", kind).description("Model tokens by kind").register(registry).increment(count);
    }

    void streamed(long bytes) {
        eventBytes.increment(bytes);
    }

    /** Everything in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }
}
