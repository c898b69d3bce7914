package dev.agentstream.tools.find;

/**
 * The longest run of plain ASCII text that every match of a case-sensitive regular expression contains,
 * so a search can look for those bytes first and run the regex only on the lines that hold them.
 *
 * <p>Deliberately conservative: the pattern is read left to right at its top level only, and reading
 * stops at the first construct whose extent or optionality it does not model (a group, a class, an
 * escape such as {@code \d} or {@code \p{..}}); an alternation anywhere means no required text at all. A
 * char followed by {@code ?}, {@code *} or {@code {..}} is optional and ends a run; {@code +} keeps it and
 * ends the run. What is found is therefore always in every match; what is missed only costs speed.
 */
final class RequiredLiteral {

    /** Shorter runs are too common for the prefilter to pay. */
    static final int MIN_LENGTH = 3;

    private RequiredLiteral() {}

    /** The required text, or null when none of {@link #MIN_LENGTH} chars or more could be proven. */
    static String of(String regex) {
        if (regex.indexOf('|') >= 0) return null;
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            char literal;
            int next;
            if (c == '\\') {
                if (i + 1 >= n) break;
                char escaped = regex.charAt(i + 1);
                if (Character.isLetterOrDigit(escaped) || escaped > 0x7E) break; // \d, \p{..}, \Q, \x.., \1: not modelled
                literal = escaped;
                next = i + 2;
            } else if ("([{".indexOf(c) >= 0) {
                break;
            } else if (".^$".indexOf(c) >= 0) {
                best = longer(best, run);
                run.setLength(0);
                i++;
                continue;
            } else if ("?*+)]}".indexOf(c) >= 0) {
                break; // a quantifier with nothing to quantify, or a stray closer: leave it to the regex
            } else {
                if (c < 0x20 || c > 0x7E) break;
                literal = c;
                next = i + 1;
            }
            char quantifier = next < n ? regex.charAt(next) : 0;
            if (quantifier == '?' || quantifier == '*' || quantifier == '{') {
                best = longer(best, run);
                run.setLength(0);
                if (quantifier == '{') {
                    int close = regex.indexOf('}', next);
                    if (close < 0) break;
                    next = close + 1;
                } else {
                    next++;
                }
                if (next < n && (regex.charAt(next) == '?' || regex.charAt(next) == '+')) next++; // lazy or possessive
                i = next;
                continue;
            }
            run.append(literal);
            if (quantifier == '+') {
                best = longer(best, run);
                run.setLength(0);
                run.append(literal); // the last repetition is still followed by what comes next
                next++;
                if (next < n && (regex.charAt(next) == '?' || regex.charAt(next) == '+')) next++;
            }
            i = next;
        }
        best = longer(best, run);
        return best.length() >= MIN_LENGTH ? best : null;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }
}
