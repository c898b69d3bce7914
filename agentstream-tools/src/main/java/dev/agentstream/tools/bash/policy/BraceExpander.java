package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bash brace expansion ({@code r{m,} -> rm r}, {@code /{usr,etc} -> /usr /etc}, {@code {1..3} -> 1 2 3}), so
 * that a target or program name hidden in braces is still seen.
 */
final class BraceExpander {

    /** Past this many words the expansion is abandoned and the word is judged as written. */
    static final int MAX_WORDS = 256;
    private static final Pattern SEQUENCE =
            Pattern.compile("\\{(-?[0-9]{1,9}|[A-Za-z])\\.\\.(-?[0-9]{1,9}|[A-Za-z])(?:\\.\\.(-?[0-9]{1,9}))?}");

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
            int[] range = findSequence(word);
            if (range != null) {
                for (String item : sequence(word.text.substring(range[0], range[1] + 1))) {
                    MarkedText variant = word.slice(0, range[0]);
                    variant.plain(item);
                    variant.append(word, range[1] + 1, word.text.length());
                    if (!expandInto(variant, out)) {
                        return false;
                    }
                }
                return true;
            }
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

    /** The first unquoted sequence expression ({@code {1..3}}, {@code {a..e..2}}): its brace positions, or null. */
    private static int[] findSequence(MarkedText word) {
        CharSequence s = word.text;
        for (int open = 0; open < s.length(); open++) {
            if (s.charAt(open) != '{' || word.isQuoted(open)) {
                continue;
            }
            for (int close = open + 1; close < s.length() && !word.isQuoted(close); close++) {
                if (s.charAt(close) == '}') {
                    if (sequence(s.subSequence(open, close + 1).toString()) != null) {
                        return new int[] {open, close};
                    }
                    break;
                }
            }
        }
        return null;
    }

    /**
     * The words of a sequence expression such as {@code {1..3}}, {@code {01..10..3}} or {@code {e..a}}, as bash
     * writes them out (zero-padded when an end is); null when it is not one or has more than {@link #MAX_WORDS}.
     */
    static List<String> sequence(String braces) {
        Matcher m = SEQUENCE.matcher(braces);
        if (!m.matches()) {
            return null;
        }
        String from = m.group(1);
        String to = m.group(2);
        boolean letters = Character.isLetter(from.charAt(0));
        if (letters != Character.isLetter(to.charAt(0))) {
            return null;
        }
        long step = m.group(3) == null ? 1 : Math.abs(Long.parseLong(m.group(3)));
        long a = letters ? from.charAt(0) : Long.parseLong(from);
        long b = letters ? to.charAt(0) : Long.parseLong(to);
        long count = step == 0 ? 1 : Math.abs(b - a) / step + 1;
        if (count > MAX_WORDS) {
            return null;
        }
        boolean padded = !letters && (zeroPadded(from) || zeroPadded(to));
        int width = Math.max(from.length(), to.length());
        List<String> items = new ArrayList<>();
        long v = a;
        for (long k = 0; k < count; k++, v += a <= b ? step : -step) {
            String item = letters ? String.valueOf((char) v) : Long.toString(v);
            if (padded) {
                String digits = Long.toString(Math.abs(v));
                item = (v < 0 ? "-" : "") + "0".repeat(Math.max(0, width - digits.length() - (v < 0 ? 1 : 0))) + digits;
            }
            items.add(item);
        }
        return items;
    }

    private static boolean zeroPadded(String number) {
        String digits = number.startsWith("-") ? number.substring(1) : number;
        return digits.length() > 1 && digits.startsWith("0");
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
