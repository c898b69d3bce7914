package dev.agentstream.server;

import dev.agentstream.agent.AgentHome;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.agent.testing.FakeAnthropicServer;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.mcp.BearerToken;
import dev.agentstream.mcp.HttpAccess;
import dev.agentstream.tools.computer.DisplayAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real {@link AgentServer} on loopback over a fake Anthropic API, a temporary home and the given tools. */
final class ServeHarness implements AutoCloseable {

    final FakeAnthropicServer api = FakeAnthropicServer.start();
    final Path home;
    final Path work;
    final BearerToken token = BearerToken.generate();
    final AgentServer server;

    ServeHarness(Path home, Tool... tools) throws Exception {
        this(home, Optional.empty(), tools);
    }

    /** With the live desktop of {@code display}. */
    ServeHarness(Path home, Optional<DisplayAccess> display, Tool... tools) throws Exception {
        this.home = home;
        this.work = Files.createDirectories(home.resolve("work"));
        ToolRegistry registry = new ToolRegistry();
        for (Tool tool : tools) registry.register(tool);
        AgentSettings settings = AgentSettings.builder().apiKey("test-key").baseUrl(api.baseUrl()).home(new AgentHome(home))
                .workingDirectory(work).retry(new AgentSettings.RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(40))).build();
        RuntimeConfig runtime = RuntimeConfig.defaults().withSpoolDir(home.resolve("spool"));
        LoopFactory loops = LoopFactory.of(settings, registry, runtime);
        HttpAccess access = new HttpAccess("127.0.0.1", 0, Optional.of(token), List.of());
        server = display.isPresent() ? AgentServer.start(access, store(), loops, display.get()) : AgentServer.start(access, store(), loops);
    }

    TranscriptStore store() {
        return new TranscriptStore(home.resolve("sessions"));
    }

    @Override
    public void close() {
        server.close();
        api.close();
    }
}
