package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Bash brace expansion of the comma form ({@code r{m,} -> rm r}, {@code /{usr,etc} -> /usr /etc}), so that a
 * target or program name hidden in braces is still seen. Sequences like {@code {1..3}} are left as written.
 */
final class BraceExpander {

    /** Past this many words the expansion is abandoned and the word is judged as written. */
    static final int MAX_WORDS = 256;

    private BraceExpander() {
    }

    static List<MarkedText> expand(MarkedText word) {
        List<MarkedText> out = new ArrayList<>();
        if (!expandInto(word, out)) {
            return List.of(word);
        }
        return out;
    }

    private static boolean expandInto(MarkedText word, List<MarkedText> out) {
        int[] group = findGroup(word);
        if (group == null) {
            if (out.size() >= MAX_WORDS) {
                return false;
            }
            out.add(word);
            return true;
        }
        int open = group[0];
        int close = group[group.length - 1];
        for (int g = 0; g + 1 < group.length; g++) {
            MarkedText variant = word.slice(0, open);
            variant.append(word, group[g] + 1, group[g + 1]);
            variant.append(word, close + 1, word.text.length());
            if (!expandInto(variant, out)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the first unquoted {@code {...}} holding a top-level comma. Returns the positions of the opening
     * brace, each top-level comma and the closing brace; null when there is none.
     */
    private static int[] findGroup(MarkedText word) {
        CharSequence s = word.text;
        for (int open = 0; open < s.length(); open++) {
            if (s.charAt(open) != '{' || word.isQuoted(open)) {
                continue;
            }
            List<Integer> marks = new ArrayList<>();
            marks.add(open);
            int depth = 0;
            for (int i = open + 1; i < s.length(); i++) {
                if (word.isQuoted(i)) {
                    continue;
                }
                char c = s.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && depth > 0) {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    marks.add(i);
                } else if (c == '}') {
                    if (marks.size() > 1) {
                        marks.add(i);
                        return marks.stream().mapToInt(Integer::intValue).toArray();
                    }
                    break;
                }
            }
        }
        return null;
    }
}
