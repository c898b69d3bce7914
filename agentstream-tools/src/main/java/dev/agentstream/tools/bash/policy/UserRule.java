package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A configured allow or deny rule: a program-name pattern followed by argument patterns. The syntax is described
 * on {@link CommandPolicy}.
 */
final class UserRule {

    private final String text;
    private final Glob program;
    private final List<Glob> args;
    private final boolean anyMoreArgs;

    private UserRule(String text, Glob program, List<Glob> args, boolean anyMoreArgs) {
        this.text = text;
        this.program = program;
        this.args = args;
        this.anyMoreArgs = anyMoreArgs;
    }

    /** @throws IllegalArgumentException when the rule is blank or has an unclosed quote */
    static UserRule parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("A command rule must name a program, e.g. \"git push *\"");
        }
        List<MarkedText> tokens = tokenize(rule);
        List<Glob> args = new ArrayList<>();
        for (int i = 1; i < tokens.size(); i++) {
            args.add(Glob.of(tokens.get(i)));
        }
        boolean anyMore = !args.isEmpty() && args.getLast().toString().equals("*") && args.getLast().matchesAnything();
        if (anyMore) {
            args.removeLast();
        }
        return new UserRule(rule.strip(), Glob.of(tokens.getFirst()), List.copyOf(args), anyMore);
    }

    boolean matches(SimpleCommand command) {
        Word name = command.name();
        boolean nameMatches;
        if (!name.exact()) {
            nameMatches = program.matchesAnything();
        } else {
            nameMatches = program.matches(program.hasSlash() ? name.text() : SimpleCommand.baseName(name.text()));
        }
        if (!nameMatches) {
            return false;
        }
        List<Word> actual = command.args();
        if (anyMoreArgs ? actual.size() < args.size() : actual.size() != args.size()) {
            return false;
        }
        for (int i = 0; i < args.size(); i++) {
            Word word = actual.get(i);
            // A value only known at run time could be anything, so only `*` vouches for it.
            boolean ok = word.literal() ? args.get(i).matches(word.text()) : args.get(i).matchesAnything();
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Splits like the shell: blanks separate words, quotes and backslashes make characters literal. */
    private static List<MarkedText> tokenize(String rule) {
        List<MarkedText> tokens = new ArrayList<>();
        MarkedText current = null;
        char quote = 0;
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < rule.length()) {
                    current.quoted(rule.charAt(++i));
                } else {
                    current.quoted(c);
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                current = null;
                continue;
            }
            if (current == null) {
                current = new MarkedText();
                tokens.add(current);
            }
            if (c == '\'' || c == '"') {
                quote = c;
                current.quoted("");
            } else if (c == '\\' && i + 1 < rule.length()) {
                current.quoted(rule.charAt(++i));
            } else {
                current.plain(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("Unclosed " + quote + " in command rule: " + rule);
        }
        return tokens;
    }
}
