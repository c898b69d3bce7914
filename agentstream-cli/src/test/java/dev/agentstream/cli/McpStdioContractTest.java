package dev.agentstream.cli;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
