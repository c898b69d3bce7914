package dev.agentstream.tools.find;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The runs of plain ASCII text that every match of a case-sensitive regular expression contains, so a search
 * can look for those bytes first and run the regex only on the lines that hold all of them
 * ({@code struct [a-z_]+_ops}: {@code "struct "} and {@code "_ops"}).
 *
 * <p>Deliberately conservative: the pattern is read left to right at its top level only. A class
 * ({@code [..]}), a group ({@code (..)}), a dot, an anchor or a character escape ({@code \d}, {@code \p{L}}) is
 * skipped whole as something of unknown text, which ends a run; a char followed by {@code ?}, {@code *} or a
 * count from zero is optional and ends a run; {@code +} or a count from one keeps it and ends the run. Reading
 * stops at the first construct not modelled ({@code \Q}, a back-reference, a stray quantifier), keeping what was
 * found before only when no {@code |} follows. An alternation at the top level, or an inline flag anywhere
 * ({@code (?i)} could make a later run match in other cases), means no required text at all. What is returned is
 * therefore always in every match; what is missed only costs speed.
 */
final class RequiredLiteral {

    /** Shorter runs are too common for the prefilter to pay. */
    static final int MIN_LENGTH = 3;

    /** {@code (?} followed by a flag: {@code (?i)}, {@code (?x:..)}, {@code (?-s)}. */
    private static final Pattern INLINE_FLAG = Pattern.compile("\\(\\?[a-zA-Z-]");
    /** Escapes of one char's width or none, with no argument: classes, anchors and control chars. */
    private static final String SIMPLE_ESCAPES = "dDwWsShHvVbBAzZGRXtfaenr";

    private final String regex;
    private final List<String> runs = new ArrayList<>();
    private final StringBuilder run = new StringBuilder();

    private RequiredLiteral(String regex) {
        this.regex = regex;
    }

    /**
     * Every required run of at least {@link #MIN_LENGTH} chars, longest first, none contained in another; empty
     * when none could be proven.
     */
    static List<String> allOf(String regex) {
        if (INLINE_FLAG.matcher(regex).find()) return List.of();
        return new RequiredLiteral(regex).read();
    }

    private List<String> read() {
        int n = regex.length();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '|') return List.of(); // an alternation at the top level: no text is in every match
            int atomEnd;
            char literal = 0;
            if (c == '\\') {
                if (i + 1 >= n) break;
                char escaped = regex.charAt(i + 1);
                if (!Character.isLetterOrDigit(escaped) && escaped < 0x7F) {
                    literal = escaped;
                    atomEnd = i + 2;
                } else {
                    atomEnd = escapeEnd(i);
                }
            } else if (c == '[') {
                atomEnd = classEnd(i);
            } else if (c == '(') {
                atomEnd = groupEnd(i);
            } else if (c == '.' || c == '^' || c == '$') {
                atomEnd = i + 1;
            } else if ("?*+{)]}".indexOf(c) >= 0) {
                atomEnd = -1; // a quantifier with nothing to quantify, or a stray closer: left to the regex
            } else if (c < 0x20 || c > 0x7E) {
                atomEnd = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(regex.charAt(i + 1)) ? i + 2 : i + 1;
            } else {
                literal = c;
                atomEnd = i + 1;
            }
            if (atomEnd < 0) break;
            int minimum = minimumCount(atomEnd);
            int next = quantifierEnd(atomEnd);
            if (next < 0) break;
            if (literal == 0 || minimum == 0) {
                endRun(); // something of unknown text, or an optional char
            } else {
                run.append(literal);
                if (next > atomEnd) { // repeated: the last repetition is still followed by what comes next
                    endRun();
                    run.append(literal);
                }
            }
            i = next;
        }
        if (i < n && regex.indexOf('|', i) >= 0) return List.of(); // the unread rest may hold an alternation
        endRun();
        return longestFirst();
    }

    private void endRun() {
        if (run.length() >= MIN_LENGTH) runs.add(run.toString());
        run.setLength(0);
    }

    private List<String> longestFirst() {
        List<String> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> kept = new ArrayList<>();
        for (String candidate : sorted) {
            if (kept.stream().noneMatch(longer -> longer.contains(candidate))) kept.add(candidate);
        }
        return kept;
    }

    /** Where an escape with a letter or digit that is not a literal char ends; -1 for one not modelled. */
    private int escapeEnd(int backslash) {
        int n = regex.length();
        char e = regex.charAt(backslash + 1);
        int after = backslash + 2;
        if (SIMPLE_ESCAPES.indexOf(e) >= 0) {
            return after < n && regex.charAt(after) == '{' ? -1 : after; // \b{g} and the like: not modelled
        }
        if (e == 'p' || e == 'P' || e == 'x') {
            if (after < n && regex.charAt(after) == '{') {
                int close = regex.indexOf('}', after);
                return close < 0 ? -1 : close + 1;
            }
            return e == 'x' ? Math.min(n, after + 2) : Math.min(n, after + 1);
        }
        if (e == 'u') return Math.min(n, after + 4);
        if (e == 'c') return Math.min(n, after + 1);
        return -1; // \Q..\E, back-references, \k<name>, \N{..}, octal: not modelled
    }

    /** Where the class opened at {@code open} ends (nested classes included); -1 if it does not. */
    private int classEnd(int open) {
        int n = regex.length();
        int j = open + 1;
        if (j < n && regex.charAt(j) == '^') j++;
        if (j < n && regex.charAt(j) == ']') j++; // a ']' first is a member
        return closerEnd(j, 1, '[', ']');
    }

    /** Where the group opened at {@code open} ends; -1 if it does not. */
    private int groupEnd(int open) {
        return closerEnd(open, 0, '(', ')');
    }

    /**
     * Where the closer that brings {@code depth} openers to none ends, reading from {@code j}: escapes are skipped,
     * and within a group so are whole classes (a ')' in one closes nothing); -1 if there is none.
     */
    private int closerEnd(int j, int depth, char opener, char closer) {
        int n = regex.length();
        while (j < n) {
            char c = regex.charAt(j);
            if (c == '\\') {
                if (j + 1 < n && regex.charAt(j + 1) == 'Q') return -1;
                j += 2;
                continue;
            }
            if (c == '[' && opener != '[') {
                j = classEnd(j);
                if (j < 0) return -1;
                continue;
            }
            if (c == opener) {
                depth++;
            } else if (c == closer && --depth == 0) {
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    /** The fewest times the atom ending at {@code at} must occur: 1 without a quantifier. */
    private int minimumCount(int at) {
        if (at >= regex.length()) return 1;
        char q = regex.charAt(at);
        if (q == '?' || q == '*') return 0;
        if (q == '{') {
            for (int j = at + 1; j < regex.length() && Character.isDigit(regex.charAt(j)); j++) {
                if (regex.charAt(j) != '0') return 1;
            }
            return 0;
        }
        return 1;
    }

    /** Where the quantifier (if any) after the atom ending at {@code at} ends; -1 for one not understood. */
    private int quantifierEnd(int at) {
        int n = regex.length();
        if (at >= n) return at;
        char q = regex.charAt(at);
        int end;
        if (q == '?' || q == '*' || q == '+') {
            end = at + 1;
        } else if (q == '{') {
            int close = regex.indexOf('}', at);
            if (close < 0 || !regex.substring(at + 1, close).matches("\\d+(,\\d*)?")) return -1;
            end = close + 1;
        } else {
            return at;
        }
        if (end < n && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) end++; // lazy or possessive
        return end;
    }
}
