package dev.agentstream.tools.computer;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Direct access to the pixels of an RGB image ({@code 0xRRGGBB} ints, the top byte ignored), so hashing,
 * comparing and scaling run over the array instead of per-pixel {@code getRGB} calls.
 */
record PixelBuffer(int[] data, int offset, int stride, int width, int height) {

    private static final int RGB = 0xFFFFFF;

    /** The image's own pixels when it is an int RGB image (as Robot captures are), else an RGB copy. */
    static PixelBuffer of(BufferedImage image) {
        BufferedImage rgb = image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_ARGB
                ? image : copyToRgb(image);
        Raster raster = rgb.getRaster();
        SinglePixelPackedSampleModel model = (SinglePixelPackedSampleModel) raster.getSampleModel();
        int stride = model.getScanlineStride();
        int offset = -raster.getSampleModelTranslateY() * stride - raster.getSampleModelTranslateX()
                + ((DataBufferInt) raster.getDataBuffer()).getOffset();
        return new PixelBuffer(((DataBufferInt) raster.getDataBuffer()).getData(), offset, stride, rgb.getWidth(), rgb.getHeight());
    }

    int rgb(int x, int y) {
        return data[offset + y * stride + x] & RGB;
    }

    PixelBuffer region(Rectangle area) {
        return new PixelBuffer(data, offset + area.y * stride + area.x, stride, area.width, area.height);
    }

    /** A 64-bit hash of the RGB values and the size; equal screens give equal hashes. */
    long hash() {
        // Four independent lanes, so the multiplications of neighbouring pixels overlap instead of waiting on each other.
        long a = 0x9E3779B97F4A7C15L ^ ((long) width << 32 | height);
        long b = 0xC2B2AE3D27D4EB4FL;
        long c = 0x165667B19E3779F9L;
        long d = 0x27D4EB2F165667C5L;
        for (int y = 0; y < height; y++) {
            int row = offset + y * stride;
            int end = row + width;
            int x = row;
            for (; x + 3 < end; x += 4) {
                a = (a ^ (data[x] & RGB)) * 0x100000001B3L;
                b = (b ^ (data[x + 1] & RGB)) * 0x100000001B3L;
                c = (c ^ (data[x + 2] & RGB)) * 0x100000001B3L;
                d = (d ^ (data[x + 3] & RGB)) * 0x100000001B3L;
            }
            for (; x < end; x++) a = (a ^ (data[x] & RGB)) * 0x100000001B3L;
            a ^= a >>> 29;
        }
        long h = a ^ Long.rotateLeft(b, 16) ^ Long.rotateLeft(c, 32) ^ Long.rotateLeft(d, 48);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }

    boolean sameRgb(PixelBuffer other) {
        if (width != other.width || height != other.height) return false;
        for (int y = 0; y < height; y++) {
            int a = offset + y * stride;
            int b = other.offset + y * other.stride;
            // Arrays.mismatch compares whole rows with vector instructions; a difference it finds only in the
            // ignored top byte is skipped over by the exact check that follows.
            int from = 0;
            while (from < width) {
                int at = java.util.Arrays.mismatch(data, a + from, a + width, other.data, b + from, b + width);
                if (at < 0) break;
                if (((data[a + from + at] ^ other.data[b + from + at]) & RGB) != 0) return false;
                from += at + 1;
            }
        }
        return true;
    }

    /** A new int RGB image holding these pixels (the PNG encoder's fast path). */
    BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            System.arraycopy(data, offset + y * stride, target, y * width, width);
        }
        return image;
    }

    private static BufferedImage copyToRgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
