package dev.agentstream.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolBody;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/** Small custom tools for the loop's tests: they count, wait, fail and return images on demand. */
final class TestTools {

    private TestTools() {}

    static Tool tool(String name, ToolBody body) {
        return tool(name, Optional.empty(), body);
    }

    /** A tool that the model table may declare as an Anthropic built-in of {@code anthropicType}. */
    static Tool tool(String name, Optional<String> anthropicType, ToolBody body) {
        JsonNode schema;
        try {
            schema = EventJson.mapper().readTree("{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"},\"label\":{\"type\":\"string\"}}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ToolSpec spec = new ToolSpec(name, "Test tool " + name + ".", schema, anthropicType);
        return new Tool() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public ToolStream execute(ToolCall call, ToolContext context) {
                return ToolStreams.start(call, context, body);
            }
        };
    }

    /** Sleeps {@code ms} from its input, prints its label, returns "slept". */
    static Tool slow(String name, AtomicInteger runs) {
        return tool(name, scope -> {
            runs.incrementAndGet();
            Thread.sleep(scope.call().input().path("ms").asLong(0));
            scope.output("stdout", scope.call().input().path("label").asText("") + "\n");
            return ToolResult.text("slept " + scope.call().input().path("label").asText(""));
        });
    }

    static Tool failing(String name) {
        return tool(name, scope -> {
            throw new IllegalStateException("the disk is on fire");
        });
    }

    /** Returns a small PNG, a different colour each call, like a screenshot. */
    static Tool camera(String name) {
        AtomicInteger shots = new AtomicInteger();
        return tool(name, scope -> {
            int n = shots.incrementAndGet();
            return new ToolResult(List.of(new ContentBlock.Text("screenshot " + n), new ContentBlock.ImageData("image/png", png(n))), false, Map.of());
        });
    }

    static String png(int seed) {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, seed * 0x102030);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
