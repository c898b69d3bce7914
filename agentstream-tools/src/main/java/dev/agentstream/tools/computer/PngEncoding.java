package dev.agentstream.tools.computer;

import com.pngencoder.PngEncoder;
import java.awt.image.BufferedImage;

/**
 * Encodes screenshots as PNG with pngencoder, which deflates in parallel segments and reads int RGB pixels
 * directly; ImageIO's encoder is several times slower on a screen (see ScreenshotBench). Screens are mostly
 * flat areas and text, which compress almost as well at a fast level as at the default. Public for the live
 * desktop's tiles ({@code dev.agentstream.tools.computer.live}).
 */
public final class PngEncoding {

    static final int COMPRESSION_LEVEL = 3;

    private PngEncoding() {}

    public static byte[] encode(BufferedImage image) {
        return encode(image, COMPRESSION_LEVEL);
    }

    static byte[] encode(BufferedImage image, int compressionLevel) {
        return new PngEncoder().withBufferedImage(image).withCompressionLevel(compressionLevel).toBytes();
    }
}
