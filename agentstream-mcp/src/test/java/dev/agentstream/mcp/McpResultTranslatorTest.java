package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.ToolError;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpResultTranslatorTest {

    @Test
    @SuppressWarnings("unchecked")
    void textImagesAndMetadataCarryOver() {
        Map<String, Object> meta = new HashMap<>();
        meta.put("exitCode", null);
        meta.put("spoolPath", "/tmp/spool/x.log");
        ToolResult result = new ToolResult(List.of(new ContentBlock.Text("out"), new ContentBlock.ImageData("image/png", "AAAA")), false, meta);

        McpSchema.CallToolResult mcp = ResultTranslator.toResult(new ToolEvent.Completed("c", 5, result));

        assertThat(mcp.isError()).isFalse();
        assertThat(mcp.content()).containsExactly(new McpSchema.TextContent("out"), new McpSchema.ImageContent(null, "AAAA", "image/png"));
        assertThat((Map<String, Object>) mcp.meta().get(ResultTranslator.META_KEY)).containsEntry("spoolPath", "/tmp/spool/x.log").containsEntry("exitCode", null);
    }

    @Test
    void aFailureOfTheRuntimeIsAnErrorResultWithItsReason() {
        McpSchema.CallToolResult mcp = ResultTranslator.toResult(new ToolEvent.Failed("c", 5, new ToolError("disk full", "java.io.IOException")));
        assertThat(mcp.isError()).isTrue();
        assertThat(((McpSchema.TextContent) mcp.content().getFirst()).text()).contains("disk full");
    }
}
