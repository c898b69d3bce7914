package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolRuntime;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MCP session's tools readying its state when it opens: only the tools its server shows clients. */
class McpSessionsReadyTest {

    @TempDir
    Path dir;

    @Test
    void aServerShowingBashStartsTheShellOfEachSessionThatOpens() {
        Set<Long> started = shellsStartedWhileOpening(Set.of(BashTool.NAME, ImageTestTool.NAME));
        assertThat(started).as("one shell per opened session").hasSize(2);
    }

    @Test
    void aServerThatDoesNotShowBashStartsNoShell() {
        assertThat(shellsStartedWhileOpening(Set.of(ImageTestTool.NAME))).isEmpty();
    }

    /** Opens two sessions on a runtime holding bash, with {@code shown} as the tools clients see, and returns the shells they started. */
    private Set<Long> shellsStartedWhileOpening(Set<String> shown) {
        ToolRegistry registry = new ToolRegistry().register(new BashTool(BashConfig.defaults().withWorkingDirectory(dir))).register(new ImageTestTool());
        Set<Long> before = shellsOfThisJvm();
        try (McpSessions sessions = new McpSessions(new ToolRuntime(registry, RuntimeConfig.defaults()), Duration.ofMinutes(5), Optional.empty(), shown)) {
            sessions.opened("one");
            sessions.opened("two");
            sessions.readied("one").join();
            sessions.readied("two").join();
            Set<Long> started = new HashSet<>(shellsOfThisJvm());
            started.removeAll(before);
            return started;
        }
    }

    static Set<Long> shellsOfThisJvm() {
        return shellsUnder(ProcessHandle.current());
    }

    static Set<Long> shellsUnder(ProcessHandle parent) {
        return parent.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bash")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
