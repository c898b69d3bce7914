package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How {@code agentstream mcp --session-idle} reads its time. */
class McpSessionIdleOptionTest {

    @Test
    void readsSecondsMinutesAndHours() {
        assertThat(McpCommand.idleTime("90s")).contains(Duration.ofSeconds(90));
        assertThat(McpCommand.idleTime("30m")).contains(Duration.ofMinutes(30));
        assertThat(McpCommand.idleTime(" 2h ")).contains(Duration.ofHours(2));
    }

    @Test
    void refusesWhatIsNotAPositiveTime() {
        assertThat(McpCommand.idleTime("0m")).isEmpty();
        assertThat(McpCommand.idleTime("30")).isEmpty();
        assertThat(McpCommand.idleTime("soon")).isEmpty();
        assertThat(McpCommand.idleTime("-5m")).isEmpty();
    }
}
