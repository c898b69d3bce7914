package dev.agentstream.tools.find;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands shell-style alternatives in a glob ({@code *.{ts,tsx}} becomes {@code *.ts} and {@code *.tsx}),
 * which gitignore patterns lack but people write out of habit. Nested braces work; a brace without a
 * comma inside, or without its closing brace, is left as it is.
 */
final class BraceExpansion {

    private static final int MAX_EXPANSIONS = 1024;

    private BraceExpansion() {}

    static List<String> expand(String glob) {
        List<String> out = new ArrayList<>();
        expandInto(glob, out);
        return out;
    }

    private static void expandInto(String glob, List<String> out) {
        if (out.size() >= MAX_EXPANSIONS) return;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                int close = matchingClose(glob, i);
                if (close < 0) break;
                List<String> options = topLevelOptions(glob, i + 1, close);
                if (options.size() > 1) {
                    String before = glob.substring(0, i);
                    String after = glob.substring(close + 1);
                    for (String option : options) expandInto(before + option + after, out);
                    return;
                }
                i = close;
            }
        }
        out.add(glob);
    }

    private static int matchingClose(String glob, int open) {
        int depth = 0;
        for (int i = open; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') i++;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }

    private static List<String> topLevelOptions(String glob, int from, int to) {
        List<String> options = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            char c = glob.charAt(i);
            if (c == '\\') i++;
            else if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == ',' && depth == 0) {
                options.add(glob.substring(start, i));
                start = i + 1;
            }
        }
        options.add(glob.substring(start, to));
        return options;
    }
}
