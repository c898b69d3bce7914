package dev.agentstream.mcp;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the user of an MCP client should know about a finished call, as {@code notifications/message}: the
 * model sees the result, but a refusal by the safety policy, a command left running at its timeout, a
 * failure inside the runtime or output cut to the budget are worth showing to the person too. Each notice
 * has its level; the SDK drops those below the level the client chose with {@code logging/setLevel}.
 */
final class CallNotices {

    /** The {@code logger} field of every notice: names the source as MCP suggests. */
    static final String LOGGER = "agentstream";

    private CallNotices() {}

    static List<LoggingMessageNotification> about(String tool, ToolEvent terminal) {
        List<LoggingMessageNotification> notices = new ArrayList<>();
        if (terminal instanceof ToolEvent.Failed failed) {
            notices.add(notice(LoggingLevel.ERROR, "The " + tool + " call failed inside agentstream: " + failed.error().message()));
            return notices;
        }
        ToolResult result = ((ToolEvent.Completed) terminal).result();
        Map<String, Object> meta = result.metadata();
        if (meta.get("refused") instanceof String refused) {
            notices.add(notice(LoggingLevel.WARNING, "The safety policy refused a " + tool + " command, nothing was run: `" + refused + "`."));
        } else if (result.isError()) {
            notices.add(notice(LoggingLevel.WARNING, "The " + tool + " call ended with an error: " + firstLine(result.text())));
        }
        if (Boolean.TRUE.equals(meta.get("timedOut"))) {
            notices.add(notice(LoggingLevel.WARNING, "A " + tool + " command was still running at its timeout; it goes on in the session."));
        }
        if (Boolean.TRUE.equals(meta.get("truncated")) && meta.get("spoolPath") != null) {
            notices.add(notice(LoggingLevel.INFO, "The " + tool + " output was cut to the model's budget; the full output is in "
                    + meta.get("spoolPath") + "."));
        }
        notices.add(notice(LoggingLevel.DEBUG, "The " + tool + " call finished" + facts(meta) + "."));
        return notices;
    }

    private static String facts(Map<String, Object> meta) {
        StringBuilder facts = new StringBuilder();
        if (meta.get("durationMs") instanceof Number ms) facts.append(" in ").append(ms).append(" ms");
        if (meta.get("exitCode") instanceof Number code) facts.append(" with exit code ").append(code);
        return facts.toString();
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.isEmpty() ? "(no message)" : line;
    }

    private static LoggingMessageNotification notice(LoggingLevel level, String message) {
        return LoggingMessageNotification.builder().level(level).logger(LOGGER).data(message).build();
    }
}
