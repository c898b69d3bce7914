package dev.agentstream.tools.computer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Shrinks an image by area averaging: every target pixel is the mean of the source area it covers, partial
 * source pixels weighted by how much of them it covers. Text stays legible at the downscales screenshots
 * need (bilinear sampling skips source pixels once the factor passes 2), a flat area keeps its exact colour,
 * and it runs separably over the pixel arrays, each source row resampled once.
 */
final class AreaAverageScaler {

    private AreaAverageScaler() {}

    /** Scales {@code source} to {@code width} x {@code height}, which must not be larger than the source. */
    static BufferedImage scale(PixelBuffer source, int width, int height) {
        if (width > source.width() || height > source.height()) {
            throw new IllegalArgumentException("Area averaging only shrinks: " + source.width() + "x" + source.height() + " to " + width + "x" + height + ".");
        }
        if (width == source.width() && height == source.height()) return source.toImage();
        Weights columns = Weights.of(source.width(), width);
        Weights rows = Weights.of(source.height(), height);
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
        float[] accumulated = new float[width * 3];
        float[] resampledRow = new float[width * 3];
        int resampledIndex = -1;
        for (int ty = 0; ty < height; ty++) {
            java.util.Arrays.fill(accumulated, 0f);
            for (int k = 0; k < rows.count[ty]; k++) {
                int sy = rows.first[ty] + k;
                if (sy != resampledIndex) {
                    resampleRow(source, sy, columns, resampledRow);
                    resampledIndex = sy;
                }
                float w = rows.weight[ty][k];
                for (int i = 0; i < accumulated.length; i++) accumulated[i] += resampledRow[i] * w;
            }
            int base = ty * width;
            for (int tx = 0; tx < width; tx++) {
                int r = channel(accumulated[tx * 3]);
                int g = channel(accumulated[tx * 3 + 1]);
                int b = channel(accumulated[tx * 3 + 2]);
                out[base + tx] = r << 16 | g << 8 | b;
            }
        }
        return target;
    }

    private static void resampleRow(PixelBuffer source, int sy, Weights columns, float[] row) {
        int[] data = source.data();
        int start = source.offset() + sy * source.stride();
        for (int tx = 0; tx < columns.count.length; tx++) {
            float r = 0;
            float g = 0;
            float b = 0;
            int first = start + columns.first[tx];
            float[] weights = columns.weight[tx];
            for (int k = 0; k < columns.count[tx]; k++) {
                int p = data[first + k];
                float w = weights[k];
                r += ((p >> 16) & 0xFF) * w;
                g += ((p >> 8) & 0xFF) * w;
                b += (p & 0xFF) * w;
            }
            row[tx * 3] = r;
            row[tx * 3 + 1] = g;
            row[tx * 3 + 2] = b;
        }
    }

    private static int channel(float value) {
        return Math.clamp(Math.round(value), 0, 255);
    }

    /** For each target index: the first source index it covers, how many, and each one's share (summing to 1). */
    private record Weights(int[] first, int[] count, float[][] weight) {
        static Weights of(int sourceSize, int targetSize) {
            double span = (double) sourceSize / targetSize;
            int[] first = new int[targetSize];
            int[] count = new int[targetSize];
            float[][] weight = new float[targetSize][];
            for (int t = 0; t < targetSize; t++) {
                double from = t * span;
                double to = Math.min(sourceSize, (t + 1) * span);
                int lo = (int) Math.floor(from);
                int hi = Math.min(sourceSize, (int) Math.ceil(to));
                first[t] = lo;
                count[t] = hi - lo;
                weight[t] = new float[hi - lo];
                for (int s = lo; s < hi; s++) {
                    double covered = Math.min(to, s + 1) - Math.max(from, s);
                    weight[t][s - lo] = (float) (covered / (to - from));
                }
            }
            return new Weights(first, count, weight);
        }
    }
}
