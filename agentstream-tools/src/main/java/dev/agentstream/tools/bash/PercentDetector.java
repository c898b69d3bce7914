package dev.agentstream.tools.bash;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the last percentage a program printed ("45%", "12.5 %"), to turn progress determinate. */
final class PercentDetector {

    private static final Pattern PERCENT = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d+)?)\\s?%");

    private PercentDetector() {}

    /** The last percentage in {@code chunk} between 0 and 100, as a fraction. */
    static OptionalDouble lastFraction(String chunk) {
        if (chunk.indexOf('%') < 0) return OptionalDouble.empty();
        Matcher m = PERCENT.matcher(chunk);
        double last = -1;
        while (m.find()) {
            double value = Double.parseDouble(m.group(1));
            if (value <= 100) last = value;
        }
        return last < 0 ? OptionalDouble.empty() : OptionalDouble.of(last / 100.0);
    }
}
