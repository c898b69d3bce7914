package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every schema the server lists compiles under ajv's strict mode, and the TypeScript SDK, which checks each
 * structuredContent against its tool's output schema, accepts the structured results.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class McpStrictSchemaTest {

    @TempDir
    Path folder;

    @Test
    void everySchemaIsStrictValidAndStructuredResultsMatchTheirSchemas() throws Exception {
        ExternalClient.requireNodePackages();
        Files.writeString(folder.resolve("a.txt"), "a needle here\n");
        List<String> command = new ArrayList<>(List.of("node", "schemas.mjs", folder.toString()));
        command.addAll(ServerProcess.javaCommand("--all-tools"));
        JsonNode report = ExternalClient.run(ExternalClient.NODE_DIR, command);

        assertThat(report.path("schemas").properties()).extracting(e -> e.getKey() + ": " + e.getValue().asText())
                .contains("bash.input: ok", "bash.output: ok", "find.input: ok", "find.output: ok", "tree.input: ok", "tree.output: ok",
                        "str_replace_based_edit_tool.input: ok", "test_image.input: ok")
                .allSatisfy(line -> assertThat(line).endsWith(": ok"));
        JsonNode calls = report.path("calls");
        assertThat(calls.path("find").path("structuredContent").path("matches").asInt()).isEqualTo(1);
        assertThat(calls.path("find").path("structuredContent").path("filesWithMatches").asInt()).isEqualTo(1);
        assertThat(calls.path("tree").path("structuredContent").path("files").asInt()).isEqualTo(1);
        assertThat(calls.path("bash").path("structuredContent").path("exitCode").asInt()).isEqualTo(3);
    }
}
