package dev.agentstream.tools.fs;

import java.util.Locale;

/** Byte counts as a person reads them: {@code 512 B}, {@code 1.5 KiB}, {@code 12 MiB}. */
public final class HumanSize {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private HumanSize() {}

    public static String of(long bytes) {
        if (bytes < 1024) return bytes + " B";
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return value < 10 ? String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit])
                : String.format(Locale.ROOT, "%.0f %s", value, UNITS[unit]);
    }
}
