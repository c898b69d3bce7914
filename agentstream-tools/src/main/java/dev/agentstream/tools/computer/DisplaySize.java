package dev.agentstream.tools.computer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The size and colour depth of a virtual display, written {@code 1280x800x24} as Xvfb's {@code -screen} takes it. */
public record DisplaySize(int width, int height, int depth) {

    public static final DisplaySize DEFAULT = new DisplaySize(1280, 800, 24);
    private static final Pattern FORMAT = Pattern.compile("(\\d{2,5})x(\\d{2,5})(?:x(\\d{1,2}))?");

    public DisplaySize {
        if (width < 16 || height < 16 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("A display must be 16 to 16384 pixels wide and high, got " + width + "x" + height + ".");
        }
        if (depth != 8 && depth != 16 && depth != 24) {
            throw new IllegalArgumentException("A display depth must be 8, 16 or 24 bits, got " + depth + ".");
        }
    }

    /** Parses {@code WIDTHxHEIGHT} or {@code WIDTHxHEIGHTxDEPTH} (depth 24 when left out). */
    public static DisplaySize parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a display size; write it like 1280x800 or 1280x800x24.");
        }
        int depth = m.group(3) == null ? 24 : Integer.parseInt(m.group(3));
        return new DisplaySize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), depth);
    }

    public Resolution resolution() {
        return new Resolution(width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height + "x" + depth;
    }
}
