package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolStream;
import org.junit.jupiter.api.Test;

/** The README's library example, kept compiling and working. */
class ReadmeLibraryExampleTest {

    @Test
    void theReadmeExampleStreamsOutputAndEndsWithTheResult() throws Exception {
        StringBuilder printed = new StringBuilder();
        ToolRegistry registry = new ToolRegistry().register(new BashTool());
        try (Session session = Session.create()) {
            ToolContext context = new ToolContext(session, RuntimeConfig.defaults());
            JsonNode input = EventJson.mapper().readTree("{\"command\":\"echo made\"}");
            try (ToolStream stream = registry.execute(new ToolCall("c1", "bash", input), context)) {
                for (ToolEvent event : stream) {
                    if (event instanceof ToolEvent.Output o) printed.append(o.text());
                    if (event instanceof ToolEvent.Completed c) printed.append(c.result().text());
                }
            }
        }
        assertThat(printed.toString()).isEqualTo("made\nmade\n[exit code 0]");
    }
}
