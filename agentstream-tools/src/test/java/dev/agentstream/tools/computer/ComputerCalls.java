package dev.agentstream.tools.computer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Runs computer tool calls in one session, keeping every event, for tests. */
final class ComputerCalls implements AutoCloseable {

    final ComputerTool tool;
    final Session session = Session.create();
    private int counter;

    ComputerCalls(ComputerConfig config) {
        this.tool = new ComputerTool(config);
    }

    record Recorded(List<ToolEvent> events, ToolEvent terminal) {
        ToolResult result() {
            return ToolRegistry.resultOf(terminal);
        }

        String text() {
            return result().text();
        }

        Map<String, Object> meta() {
            return result().metadata();
        }

        boolean isError() {
            return result().isError();
        }

        List<ToolEvent.Progress> progress() {
            return events.stream().filter(e -> e instanceof ToolEvent.Progress).map(e -> (ToolEvent.Progress) e).toList();
        }

        List<ToolEvent.Image> images() {
            return events.stream().filter(e -> e instanceof ToolEvent.Image).map(e -> (ToolEvent.Image) e).toList();
        }

        /** The image sent to the model, decoded, if the result has one. */
        Optional<BufferedImage> modelImage() {
            for (ContentBlock block : result().content()) {
                if (block instanceof ContentBlock.ImageData image) {
                    return Optional.of(decode(Base64.getDecoder().decode(image.base64())));
                }
            }
            return Optional.empty();
        }
    }

    static BufferedImage decode(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a call and hands back its stream, for tests that cancel it. */
    ToolStream start(Map<String, ?> input) {
        ObjectNode json = EventJson.mapper().valueToTree(input);
        ToolCall call = new ToolCall("c" + (++counter), tool.spec().name(), json);
        return tool.execute(call, ToolContext.of(session));
    }

    Recorded run(Map<String, ?> input) {
        List<ToolEvent> events = new ArrayList<>();
        try (ToolStream stream = start(input)) {
            ToolEvent terminal = stream.awaitTerminal(events::add);
            if (terminal instanceof ToolEvent.Failed failed) {
                throw new AssertionError("The call failed: " + failed.error().message());
            }
            return new Recorded(events, terminal);
        }
    }

    Recorded action(String action, Object... keysAndValues) {
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("action", action);
        for (int i = 0; i < keysAndValues.length; i += 2) input.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return run(input);
    }

    @Override
    public void close() {
        session.close();
    }
}
