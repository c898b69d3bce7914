package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a tree-sitter word node into the word(s) the shell would produce: quotes removed, escapes resolved,
 * {@code $'...'} decoded and braces expanded. Expansions are kept as source text and mark the word non-literal.
 */
final class WordResolver {

    private final ParsedScript script;

    WordResolver(ParsedScript script) {
        this.script = script;
    }

    List<Word> resolve(SyntaxNode node) {
        return resolve(List.of(node));
    }

    /** Resolves nodes that bash reads as one word (the grammar splits words at a line continuation). */
    List<Word> resolve(List<SyntaxNode> parts) {
        MarkedText text = new MarkedText();
        for (int i = 0; i < parts.size(); i++) {
            boolean translated = parts.get(i).is("word") && script.text(parts.get(i)).equals("$")
                    && i + 1 < parts.size() && parts.get(i + 1).is("string");
            if (!translated) { // bash drops the $ of $"..."
                append(parts.get(i), text);
            }
        }
        List<Word> words = new ArrayList<>();
        for (MarkedText expanded : BraceExpander.expand(text)) {
            if (expanded.text.isEmpty() && !expanded.hadQuotes && expanded.literal) {
                continue;
            }
            words.add(expanded.toWord());
        }
        return words;
    }

    private void append(SyntaxNode node, MarkedText out) {
        switch (node.type()) {
            case "word", "number" -> unquoted(script.text(node), out);
            case "raw_string" -> out.quoted(stripQuotes(script.text(node), 1, 1));
            case "ansi_c_string" -> out.quoted(AnsiC.decode(stripQuotes(script.text(node), 2, 1)));
            case "string" -> doubleQuoted(node, out);
            case "translated_string" -> { // $"..." is its string, translated in the locale (none here)
                for (SyntaxNode child : node.children()) {
                    if (child.is("string")) {
                        doubleQuoted(child, out);
                    }
                }
            }
            case "concatenation" -> {
                List<SyntaxNode> children = node.children();
                for (int i = 0; i < children.size(); i++) {
                    SyntaxNode child = children.get(i);
                    // The grammar reads $"..." in a concatenation as a lone $ and a string; bash drops the $.
                    boolean translated = !child.named() && script.text(child).equals("$") && i + 1 < children.size()
                            && children.get(i + 1).is("string");
                    if (!translated) {
                        append(child, out);
                    }
                }
            }
            case "brace_expression" -> sequence(script.text(node), out);
            default -> {
                if (node.named()) {
                    out.expansion(script.text(node));
                } else {
                    out.plain(script.text(node));
                }
            }
        }
    }

    /** A sequence such as {@code {1..3}} that tree-sitter marked, written out in the comma form bash expands. */
    private static void sequence(String braces, MarkedText out) {
        List<String> items = BraceExpander.sequence(braces);
        if (items == null) {
            out.quoted(braces);
        } else {
            out.plain(items.size() == 1 ? items.getFirst() : "{" + String.join(",", items) + "}");
        }
    }

    private static String stripQuotes(String s, int head, int tail) {
        return s.length() >= head + tail ? s.substring(head, s.length() - tail) : "";
    }

    /** Outside quotes a backslash makes the next character literal, and backslash-newline disappears. */
    private static void unquoted(String s, MarkedText out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                if (next != '\n') {
                    out.quoted(next);
                }
            } else {
                out.plain(c);
            }
        }
    }

    private void doubleQuoted(SyntaxNode node, MarkedText out) {
        out.quoted("");
        int cursor = node.startByte();
        boolean first = true;
        for (SyntaxNode child : node.children()) {
            // Text between children (rare) is plain quoted content.
            if (child.startByte() > cursor && !first) {
                insideDoubleQuotes(script.text(cursor, child.startByte()), out);
            }
            first = false;
            cursor = child.endByte();
            String type = child.type();
            if (!child.named() && (type.equals("\"") || type.equals("$\""))) {
                continue;
            }
            if (type.equals("string_content")) {
                insideDoubleQuotes(script.text(child), out);
            } else if (child.named()) {
                out.expansion(script.text(child));
            } else {
                out.quoted(script.text(child));
            }
        }
    }

    /** Inside double quotes a backslash only escapes {@code $ ` " \} and newline. */
    private static void insideDoubleQuotes(String s, MarkedText out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                char next = s.charAt(++i);
                if (next != '\n') {
                    out.quoted(next);
                }
            } else {
                out.quoted(c);
            }
        }
    }
}
