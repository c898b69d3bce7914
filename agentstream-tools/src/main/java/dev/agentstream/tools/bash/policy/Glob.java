package dev.agentstream.tools.bash.policy;

import java.util.regex.Pattern;

/** A shell-style pattern ({@code * ? [...]}) whose quoted characters match only themselves. */
final class Glob {

    private final String text;
    private final Pattern pattern;
    private final boolean anything;

    private Glob(String text, Pattern pattern, boolean anything) {
        this.text = text;
        this.pattern = pattern;
        this.anything = anything;
    }

    static Glob unquoted(String pattern) {
        MarkedText t = new MarkedText();
        t.plain(pattern);
        return of(t);
    }

    static Glob of(MarkedText t) {
        String s = t.text.toString();
        StringBuilder regex = new StringBuilder();
        boolean anything = !s.isEmpty();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean quoted = t.isQuoted(i);
            anything &= c == '*' && !quoted;
            if (quoted) {
                regex.append(Pattern.quote(String.valueOf(c)));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[' && classEnd(s, i) > 0) {
                int end = classEnd(s, i);
                regex.append(characterClass(s.substring(i + 1, end)));
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(s, Pattern.compile(regex.toString(), Pattern.DOTALL), anything);
    }

    private static int classEnd(String s, int open) {
        int i = open + 1;
        if (i < s.length() && (s.charAt(i) == '!' || s.charAt(i) == '^')) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
        }
        int end = s.indexOf(']', i);
        return end;
    }

    private static String characterClass(String body) {
        StringBuilder out = new StringBuilder("[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            out.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if ("\\[]&^".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(']').toString();
    }

    boolean matches(String value) {
        return pattern.matcher(value).matches();
    }

    /** True for {@code *}: the only pattern that may stand for a value not known until run time. */
    boolean matchesAnything() {
        return anything;
    }

    boolean hasSlash() {
        return text.indexOf('/') >= 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
