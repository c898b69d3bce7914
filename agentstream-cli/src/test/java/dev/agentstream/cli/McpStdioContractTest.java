package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tick.TickTool;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract through {@code agentstream mcp} over stdio: each session is a client that starts its own server. */
class McpStdioContractTest extends FrontDoorContract {

    @Override
    FrontDoor open(Path dir) {
        return door(true, number -> {
            Path log = dir.resolve("mcp-" + number + ".log");
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), ContractMain.class.getName(), "mcp"));
            ServerParameters params = ServerParameters.builder(command.getFirst()).args(command.subList(1, command.size()))
                    .addEnvVar("AGENTSTREAM_LOG", log.toString()).build();
            return new McpDoorSession(McpCommandTest.Client.over(new StdioClientTransport(params, McpJsonDefaults.getMapper())), log);
        }, () -> {});
    }

    /** The tool added with one catalogue entry is listed with the title and hints it declares, and no table names it. */
    @Test
    void theAddedToolIsListedWithTheTitleAndHintsItDeclares() throws Exception {
        try (DoorSession session = door.openSession()) {
            McpSchema.Tool tick = ((McpDoorSession) session).listed(TickTool.NAME);
            assertThat(tick.title()).isEqualTo(TickTool.TITLE);
            assertThat(tick.annotations().readOnlyHint()).isTrue();
            assertThat(tick.annotations().openWorldHint()).isFalse();
        }
    }
}
