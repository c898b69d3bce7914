package dev.agentstream.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/** A test-only tool that returns a small red PNG, the way a screenshot or an image view does. */
final class ImageTestTool implements Tool {

    static final String NAME = "test_image";
    static final int SIZE = 8;

    @Override
    public ToolSpec spec() {
        return new ToolSpec(NAME, "Returns an 8x8 red PNG.", JsonNodeFactory.instance.objectNode().put("type", "object"), Optional.empty());
    }

    @Override
    public ToolStream execute(ToolCall call, ToolContext context) {
        return ToolStreams.start(call, context, scope -> {
            byte[] png = redSquare();
            scope.image("image/png", png, SIZE, SIZE, Map.of());
            return new ToolResult(List.of(new ContentBlock.Text("an 8x8 red square"),
                    new ContentBlock.ImageData("image/png", Base64.getEncoder().encodeToString(png))), false, Map.of("width", SIZE));
        });
    }

    static byte[] redSquare() {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < SIZE; x++) {
            for (int y = 0; y < SIZE; y++) image.setRGB(x, y, Color.RED.getRGB());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
