package dev.agentstream.agent.tools;

import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the images tools return to files next to the transcript, so a person can open what the model saw. */
public final class ScreenshotStore {

    private static final Logger log = LoggerFactory.getLogger(ScreenshotStore.class);

    private final Path dir;

    public ScreenshotStore(Path dir) {
        this.dir = dir;
    }

    /** Saves every image of {@code result}; returns the files written (a failure to write is logged, not fatal). */
    public List<Path> save(String callId, ToolResult result) {
        List<Path> saved = new ArrayList<>();
        int n = 0;
        for (ContentBlock block : result.content()) {
            if (!(block instanceof ContentBlock.ImageData image)) continue;
            n++;
            String safeId = callId.replaceAll("[^A-Za-z0-9._-]", "_");
            Path file = dir.resolve(safeId + (n > 1 ? "-" + n : "") + "." + extension(image.mediaType()));
            try {
                Files.createDirectories(dir);
                Files.write(file, Base64.getDecoder().decode(image.base64()));
                saved.add(file);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Could not save the image of call {} to {}: {}", callId, file, e.toString());
            }
        }
        return saved;
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> "jpg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> "png";
        };
    }
}
