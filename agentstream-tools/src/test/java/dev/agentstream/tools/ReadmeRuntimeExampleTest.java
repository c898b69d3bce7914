package dev.agentstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RunningCall;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolRuntime;
import dev.agentstream.tools.bash.BashConfig;
import org.junit.jupiter.api.Test;

/** The README's ToolRuntime example, kept compiling and working. */
class ReadmeRuntimeExampleTest {

    @Test
    void theReadmeRuntimeExampleStreamsOutputAndEndsWithTheResult() throws Exception {
        StringBuilder printed = new StringBuilder();
        JsonNode input = EventJson.mapper().readTree("{\"command\":\"echo made\"}");
        ToolRegistry registry = StandardTools.catalogue().registry(StandardTools.Settings.of(BashConfig.defaults()));
        try (ToolRuntime runtime = new ToolRuntime(registry, RuntimeConfig.defaults())) {
            Session session = runtime.openSession("s1");
            RunningCall call = runtime.start(session, new ToolCall("c1", "bash", input));
            for (ToolEvent event : call) {
                if (event instanceof ToolEvent.Output o) printed.append(o.text());
                if (event instanceof ToolEvent.Completed c) printed.append(c.result().text());
            }
        }
        assertThat(printed.toString()).isEqualTo("made\nmade\n[exit code 0]");
    }
}
