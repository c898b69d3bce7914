package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.tick.TickTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The contract through {@code agentstream tool NAME --json}: one process, one session and one call per run; Ctrl-C cancels. */
class ToolDoorContractTest extends FrontDoorContract {

    @Test
    void theAddedToolIsListedWithItsSchema() throws Exception {
        try (CliProcess tools = CliProcess.start(ContractMain.class, dir, Map.of("AGENTSTREAM_LOG", dir.resolve("tools.log").toString()),
                "tools", "--json")) {
            assertThat(tools.waitFor()).isZero();
            JsonNode listed = EventJson.mapper().readTree(tools.stdoutText());
            assertThat(listed.findValuesAsText("name")).endsWith("computer", TickTool.NAME);
            assertThat(listed.get(listed.size() - 1).path("inputSchema").path("required").get(0).asText()).isEqualTo("count");
        }
    }

    @Override
    FrontDoor open(Path dir) {
        List<CliProcess> started = new CopyOnWriteArrayList<>();
        DoorSession oneCallPerProcess = new DoorSession() {
            @Override
            public DoorCall start(String tool, String inputJson) throws Exception {
                // The input comes on stdin, so no process but the command's own names what the command runs.
                CliProcess cli = CliProcess.start(ContractMain.class, dir, Map.of("AGENTSTREAM_LOG", dir.resolve("tool.log").toString()),
                        "tool", tool, "--json", "--input", "-");
                started.add(cli);
                cli.process.getOutputStream().write(inputJson.getBytes(StandardCharsets.UTF_8));
                cli.process.getOutputStream().close();
                return new NdjsonCall(cli, "c1", cli::interrupt);
            }

            @Override
            public void close() {}
        };
        return door(false, number -> oneCallPerProcess, () -> started.forEach(CliProcess::stop));
    }
}
