package dev.agentstream.tools.computer;

/** A width and height in pixels. */
public record Resolution(int width, int height) {

    public static final Resolution XGA = new Resolution(1024, 768);
    public static final Resolution WXGA = new Resolution(1280, 800);
    public static final Resolution FWXGA = new Resolution(1366, 768);

    public Resolution {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("A resolution needs a positive width and height, got " + width + "x" + height + ".");
        }
    }

    double aspectRatio() {
        return (double) width / height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
