package dev.agentstream.cli;

import dev.agentstream.core.ToolEvent;
import java.util.Locale;

/** One line of progress: a bar (or a spinner when the end is unknown), the figures, the message. */
final class ProgressLine {

    private static final String SPINNER = "|/-\\";

    private ProgressLine() {}

    static String render(ToolEvent.Progress p, int width) {
        StringBuilder s = new StringBuilder();
        if (p.fraction().isPresent()) {
            double f = Math.max(0, Math.min(1, p.fraction().getAsDouble()));
            int filled = (int) Math.round(f * width);
            s.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%%", f * 100));
        } else {
            s.append('[').append(SPINNER.charAt((int) (p.t() / 250 % SPINNER.length()))).append(']');
        }
        Long elapsed = p.counters().get("elapsedMs");
        if (elapsed != null) s.append(String.format(Locale.ROOT, " %.1fs", elapsed / 1000.0));
        Long bytes = p.counters().get("bytes");
        if (bytes != null) s.append(' ').append(humanBytes(bytes));
        Long lines = p.counters().get("lines");
        if (lines != null) s.append(' ').append(lines).append(" lines");
        if (p.message() != null && !p.message().isEmpty()) s.append("  ").append(p.message());
        return s.toString();
    }

    /** A bar width that leaves room for the figures and message on a terminal {@code columns} wide. */
    static int barWidthFor(int columns) {
        return Math.max(10, Math.min(24, columns / 5));
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
