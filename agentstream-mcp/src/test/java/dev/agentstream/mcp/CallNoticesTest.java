package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolError;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallNoticesTest {

    @Test
    void aRuntimeFailureIsAnError() {
        List<LoggingMessageNotification> notices = CallNotices.about("bash",
                new ToolEvent.Failed("c1", 5, new ToolError("the pty could not be opened", "java.io.IOException")));
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(LoggingLevel.ERROR);
            assertThat(n.data()).isEqualTo("The bash call failed inside agentstream: the pty could not be opened");
        });
    }

    @Test
    void aToolErrorIsAWarningWithItsFirstLine() {
        ToolResult error = ToolResult.error("No file at /x; give an existing path.\nmore detail");
        List<LoggingMessageNotification> notices = CallNotices.about("str_replace_based_edit_tool", completed(error));
        assertThat(notices.getFirst().level()).isEqualTo(LoggingLevel.WARNING);
        assertThat(notices.getFirst().data()).isEqualTo("The str_replace_based_edit_tool call ended with an error: No file at /x; give an existing path.");
        assertThat(notices).extracting(LoggingMessageNotification::level).containsExactly(LoggingLevel.WARNING, LoggingLevel.DEBUG);
    }

    @Test
    void aTimeoutIsAWarningAndCutOutputSaysWhereTheRestIs() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("exitCode", null);
        meta.put("timedOut", true);
        meta.put("truncated", true);
        meta.put("spoolPath", "/tmp/spool/s1/bash-c1.log");
        meta.put("durationMs", 30000L);
        List<LoggingMessageNotification> notices = CallNotices.about("bash", completed(ToolResult.text("...").withMetadata(meta)));
        assertThat(notices).extracting(LoggingMessageNotification::data).containsExactly(
                "A bash command was still running at its timeout; it goes on in the session.",
                "The bash output was cut to the model's budget; the full output is in /tmp/spool/s1/bash-c1.log.",
                "The bash call finished in 30000 ms.");
        assertThat(notices).extracting(LoggingMessageNotification::level)
                .containsExactly(LoggingLevel.WARNING, LoggingLevel.INFO, LoggingLevel.DEBUG);
    }

    private static ToolEvent completed(ToolResult result) {
        return new ToolEvent.Completed("c1", 5, result);
    }
}
