package dev.agentstream.server;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.mcp.ToolMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics (Micrometer), fed by every session's events: tool calls by tool and
 * outcome, their duration and time to first output, bytes of tool output and of events streamed to pages,
 * open and running sessions, model API requests and retries, and tokens by kind.
 */
final class ServeMetrics implements AgentListener {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ToolMetrics tools = new ToolMetrics(registry);
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
            case AgentEvent.Tool t -> tools.record(t.toolName(), t.event());
            default -> {}
        }
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
