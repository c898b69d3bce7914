package dev.agentstream.agent;

import dev.agentstream.agent.model.AnthropicModelClient;
import dev.agentstream.agent.session.Transcript;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.agent.testing.FakeAnthropicServer;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A loop wired to a fake Anthropic server on loopback, a temporary home and fast retries. */
final class LoopHarness implements AutoCloseable {

    final FakeAnthropicServer server = FakeAnthropicServer.start();
    final Path home;
    final ToolRegistry registry = new ToolRegistry();
    final EventLog events = new EventLog();
    final AgentSettings.Builder settings;
    private final List<AgentLoop> loops = new ArrayList<>();

    LoopHarness(Path home, Tool... tools) {
        this.home = home;
        for (Tool tool : tools) registry.register(tool);
        this.settings = AgentSettings.builder().apiKey("test-key").baseUrl(server.baseUrl()).home(new AgentHome(home))
                .retry(new AgentSettings.RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(40)));
    }

    TranscriptStore store() {
        return new TranscriptStore(home.resolve("sessions"));
    }

    AgentLoop loop() {
        AgentSettings built = settings.build();
        return loop(store().create(built.model()));
    }

    AgentLoop loop(Transcript transcript) {
        AgentSettings built = settings.build();
        AgentLoop loop = new AgentLoop(built, registry, AnthropicModelClient.create(built), transcript, events,
                RuntimeConfig.defaults().withSpoolDir(home.resolve("spool")));
        loops.add(loop);
        return loop;
    }

    @Override
    public void close() {
        loops.forEach(AgentLoop::close);
        server.close();
    }
}
