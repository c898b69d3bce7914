package dev.agentstream.tools.edit;

import dev.agentstream.core.CallScope;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.core.ToolResult;
import dev.agentstream.tools.fs.LinkFreeFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * {@code view} of an image (PNG, JPEG, GIF, WebP): sent to the model as an image block and to the watcher as
 * an image event. The kind is taken from the file's magic bytes, so a misnamed file is still told right.
 */
final class ImageViewer {

    /** The Messages API refuses larger images; refusing here gives a clearer reason. */
    static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;

    private record Dimension(int width, int height) {}

    private final CallScope scope;

    ImageViewer(CallScope scope) {
        this.scope = scope;
    }

    /** The media type of a file named like an image, or empty for every other name. */
    static Optional<String> mediaTypeByName(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) return Optional.of("image/png");
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) return Optional.of("image/jpeg");
        if (name.endsWith(".gif")) return Optional.of("image/gif");
        if (name.endsWith(".webp")) return Optional.of("image/webp");
        return Optional.empty();
    }

    ToolResult view(Path path, long size) throws IOException {
        if (size > MAX_IMAGE_BYTES) {
            throw new ToolInputException(path + " is " + Sizes.human(size) + ", more than the " + Sizes.human(MAX_IMAGE_BYTES)
                    + " an image sent to the model may have; make a smaller copy first (for example with ImageMagick: convert in.png -resize 50% out.png).");
        }
        byte[] bytes = LinkFreeFiles.readAllBytes(path);
        String mediaType = mediaTypeByMagic(bytes).orElseThrow(() -> new ToolInputException(path
                + " is named like an image but is not a PNG, JPEG, GIF or WebP file; check it with bash (file " + path + ")."));
        Dimension dimension = dimension(bytes);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("path", path.toString());
        meta.put("mediaType", mediaType);
        meta.put("fileBytes", (long) bytes.length);
        if (dimension != null) {
            meta.put("width", dimension.width());
            meta.put("height", dimension.height());
        }
        scope.image(mediaType, bytes, dimension == null ? 0 : dimension.width(), dimension == null ? 0 : dimension.height(), meta);
        String description = "Image " + path + " (" + mediaType + (dimension == null ? "" : ", " + dimension.width() + "x" + dimension.height())
                + ", " + Sizes.human(bytes.length) + ")";
        return new ToolResult(List.of(new ContentBlock.Text(description), new ContentBlock.ImageData(mediaType, Base64.getEncoder().encodeToString(bytes))),
                false, meta);
    }

    static Optional<String> mediaTypeByMagic(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of("image/png");
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) return Optional.of("image/jpeg");
        if (startsWith(b, 'G', 'I', 'F', '8')) return Optional.of("image/gif");
        if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    /** Width and height from the image header when javax.imageio can read the format (it cannot read WebP). */
    private static Dimension dimension(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            if (in == null) return null;
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Dimension(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // a damaged header: the model still gets the bytes, just without the size
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) return false;
        }
        return true;
    }
}
