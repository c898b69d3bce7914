package dev.agentstream.tools.bash.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the parse agree with bash about where each here-document ends.
 *
 * <p>tree-sitter-bash compares body lines with the delimiter as written, so {@code <<E"O"F} runs until a line
 * {@code E"O"F} while bash, which removes the quotes, stops at {@code EOF}: whatever lies between would never be
 * checked. Each here-document of a parse is therefore re-read the way bash reads it (delimiter word, quote
 * removal, {@code <<-} tab stripping, body from the next line to the first line equal to the delimiter). When the
 * two disagree the delimiter word is rewritten to the form tree-sitter reads correctly ({@code 'EOF'}, padded to
 * the same length so every offset stays valid) and the script parsed again; what still disagrees is refused.
 */
final class HereDocuments {

    /** The parse of a command, or why it cannot be checked. */
    record Outcome(ParsedScript script, Problem problem) {
    }

    private record Mismatch(int wordStart, int wordEnd, String delimiter, boolean rewritable, String reason) {
    }

    private static final int MAX_ROUNDS = 64;

    private HereDocuments() {
    }

    /** Parses {@code source}; null when the parser gave up (timeout). */
    static Outcome parse(String source) {
        byte[] original = source.getBytes(StandardCharsets.UTF_8);
        byte[] text = original;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ParsedScript parsed = BashParser.parse(text);
            if (parsed == null) {
                return null;
            }
            Mismatch mismatch = firstMismatch(parsed);
            boolean syntaxError = parsed.syntaxError() != null;
            if (mismatch == null || (syntaxError && !mismatch.rewritable())) {
                // Rewrites keep every length, so node offsets index the original text as well.
                return new Outcome(new ParsedScript(original, parsed.root(), parsed.syntaxError()), null);
            }
            byte[] replacement = ("'" + mismatch.delimiter() + "'").getBytes(StandardCharsets.UTF_8);
            int width = mismatch.wordEnd() - mismatch.wordStart();
            boolean alreadyRewritten = width >= replacement.length
                    && new String(text, mismatch.wordStart(), replacement.length, StandardCharsets.UTF_8)
                            .equals("'" + mismatch.delimiter() + "'");
            if (!mismatch.rewritable() || replacement.length > width || alreadyRewritten) {
                String word = new String(original, mismatch.wordStart(), width, StandardCharsets.UTF_8);
                return new Outcome(null, new Problem("<<" + word, "The here-document `<<" + word + "` cannot be "
                        + "checked the way bash reads it (" + mismatch.reason() + "); refused. Use a plain delimiter "
                        + "such as <<'EOF' or <<EOF followed by a blank, one here-document per line, and end it with a "
                        + "line holding only the delimiter."));
            }
            text = text.clone();
            System.arraycopy(replacement, 0, text, mismatch.wordStart(), replacement.length);
            for (int i = mismatch.wordStart() + replacement.length; i < mismatch.wordEnd(); i++) {
                text[i] = ' ';
            }
        }
        return new Outcome(null, new Problem(source.strip(), "The command holds too many here-documents to check; "
                + "refused. Split it into smaller commands."));
    }

    private static Mismatch firstMismatch(ParsedScript script) {
        List<SyntaxNode> redirects = new ArrayList<>();
        collect(script.root(), redirects);
        redirects.sort((a, b) -> Integer.compare(a.startByte(), b.startByte()));
        byte[] text = script.utf8();
        int previousEnd = -1;
        for (SyntaxNode redirect : redirects) {
            SyntaxNode start = redirect.childOfType("heredoc_start");
            SyntaxNode end = redirect.childOfType("heredoc_end");
            if (start == null) {
                return new Mismatch(redirect.startByte(), redirect.endByte(), "", false, "it has no delimiter");
            }
            boolean stripTabs = redirect.children().stream().anyMatch(c -> !c.named() && c.is("<<-"));
            Delimiter d = Delimiter.read(text, start.startByte());
            if (d.reason() != null) {
                return new Mismatch(start.startByte(), Math.max(start.endByte(), d.end()), "", false, d.reason());
            }
            if (start.startByte() < previousEnd) {
                return new Mismatch(start.startByte(), d.end(), d.text(), false,
                        "another here-document on the same line is still open");
            }
            boolean rewritable = d.quoted() && d.text().indexOf('\'') < 0;
            if (start.endByte() != d.end()) {
                return new Mismatch(start.startByte(), d.end(), d.text(), rewritable,
                        "its delimiter word is read differently");
            }
            RestOfLine rest = RestOfLine.scan(text, d.end());
            if (rest.reason() != null) {
                return new Mismatch(start.startByte(), d.end(), d.text(), false, rest.reason());
            }
            int bashEndLine = endLine(text, rest.bodyStart(), d.text(), stripTabs);
            if (bashEndLine < 0) {
                return new Mismatch(start.startByte(), d.end(), d.text(), false,
                        "no line ends it, so bash would read to the end of the command");
            }
            int lineEnd = lineEnd(text, bashEndLine);
            if (end == null || lineStart(text, end.startByte()) != bashEndLine || end.endByte() != lineEnd) {
                return new Mismatch(start.startByte(), d.end(), d.text(), rewritable,
                        "bash ends it at a different line");
            }
            previousEnd = lineEnd;
        }
        return null;
    }

    private static void collect(SyntaxNode node, List<SyntaxNode> out) {
        // In a tree with errors a here-document can hang under an ERROR node instead of a heredoc_redirect.
        if (node.is("heredoc_redirect") || node.childOfType("heredoc_start") != null) {
            out.add(node);
        }
        for (SyntaxNode child : node.children()) {
            collect(child, out);
        }
    }

    /** The start of the first line at or after {@code from} that equals the delimiter; -1 when none does. */
    private static int endLine(byte[] text, int from, String delimiter, boolean stripTabs) {
        byte[] wanted = delimiter.getBytes(StandardCharsets.UTF_8);
        int line = from;
        while (line <= text.length) {
            int end = lineEnd(text, line);
            int s = line;
            while (stripTabs && s < end && text[s] == '\t') {
                s++;
            }
            if (end - s == wanted.length && java.util.Arrays.equals(text, s, end, wanted, 0, wanted.length)) {
                return line;
            }
            if (end >= text.length) {
                return -1;
            }
            line = end + 1;
        }
        return -1;
    }

    private static int lineEnd(byte[] text, int from) {
        int i = from;
        while (i < text.length && text[i] != '\n') {
            i++;
        }
        return i;
    }

    private static int lineStart(byte[] text, int at) {
        int i = Math.min(at, text.length);
        while (i > 0 && text[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    /** A delimiter word as bash reads it: where it ends, its text after quote removal, and whether it was quoted. */
    private record Delimiter(int end, String text, boolean quoted, String reason) {

        static Delimiter read(byte[] s, int from) {
            StringBuilder out = new StringBuilder();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            boolean quoted = false;
            int i = from;
            while (i < s.length && !isMeta(s[i])) {
                byte c = s[i];
                if (c == '$' || c == '`') {
                    return new Delimiter(i + 1, "", true, "its delimiter holds `" + (char) c + "`");
                }
                if (c == '\\') {
                    if (i + 1 >= s.length || s[i + 1] == '\n') {
                        return new Delimiter(i + 1, "", true, "its delimiter ends in a backslash");
                    }
                    quoted = true;
                    bytes.write(s[i + 1]);
                    i += 2;
                } else if (c == '\'' || c == '"') {
                    quoted = true;
                    int close = i + 1;
                    while (close < s.length && s[close] != c) {
                        if (c == '"' && s[close] == '\\' && close + 1 < s.length
                                && "$`\"\\\n".indexOf(s[close + 1]) >= 0) {
                            close++;
                        }
                        if (s[close] == '\n' || (c == '"' && (s[close] == '$' || s[close] == '`'))) {
                            return new Delimiter(close + 1, "", true,
                                    "its delimiter spans lines or holds an expansion");
                        }
                        bytes.write(s[close]);
                        close++;
                    }
                    if (close >= s.length) {
                        return new Delimiter(close, "", true, "its delimiter has an unclosed quote");
                    }
                    i = close + 1;
                } else {
                    bytes.write(c);
                    i++;
                }
            }
            out.append(bytes.toString(StandardCharsets.UTF_8));
            if (out.isEmpty()) {
                return new Delimiter(i, "", quoted, "its delimiter is empty");
            }
            return new Delimiter(i, out.toString(), quoted, null);
        }

        private static boolean isMeta(byte c) {
            return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>'
                    || c == '(' || c == ')';
        }
    }

    /**
     * The rest of the line after a delimiter, up to the newline after which bash reads the body. Anything that could
     * carry that line across a newline (an open quote, {@code $(}, a backslash) or start a second here-document is
     * refused rather than modelled.
     */
    private record RestOfLine(int bodyStart, String reason) {

        static RestOfLine scan(byte[] s, int from) {
            int i = from;
            boolean wordStart = true;
            while (i >= 0 && i < s.length && s[i] != '\n') {
                byte c = s[i];
                if (c == '#' && wordStart) {
                    while (i < s.length && s[i] != '\n') {
                        i++;
                    }
                    break;
                }
                if (c == '\'' || c == '"' || c == '`') {
                    int close = i + 1;
                    while (close >= 0 && close < s.length && s[close] != c && s[close] != '\n'
                            && !(c != '\'' && (s[close] == '\\' || s[close] == '`'))) {
                        close = c == '"' && s[close] == '$' ? parameter(s, close) : close + 1;
                    }
                    if (close < 0 || close >= s.length || s[close] != c) {
                        return new RestOfLine(-1, "the rest of its line holds a quote, substitution or escape "
                                + "bash may continue past the line end");
                    }
                    i = close + 1;
                    wordStart = false;
                    continue;
                }
                if (c == '$') {
                    i = parameter(s, i);
                    wordStart = false;
                    continue;
                }
                if (c == '\\') {
                    return new RestOfLine(-1, "the rest of its line holds an escape bash may continue past the "
                            + "line end");
                }
                if (c == '<' && i + 1 < s.length && s[i + 1] == '<') {
                    if (i + 2 < s.length && s[i + 2] == '<') {
                        i += 3;
                        continue;
                    }
                    return new RestOfLine(-1, "another here-document starts on the same line");
                }
                wordStart = c == ' ' || c == '\t' || c == ';' || c == '&' || c == '|' || c == '(';
                i++;
            }
            if (i < 0) {
                return new RestOfLine(-1, "the rest of its line holds a substitution bash may continue past the "
                        + "line end");
            }
            if (i >= s.length) {
                return new RestOfLine(-1, "no line ends it, so bash would read to the end of the command");
            }
            return new RestOfLine(i + 1, null);
        }

        /**
         * Skips {@code $name} or a one-line {@code ${...}} at {@code dollar}; returns a negative index for
         * {@code $(}, {@code $'}, or a brace that does not close on this line.
         */
        private static int parameter(byte[] s, int dollar) {
            int i = dollar + 1;
            if (i >= s.length) {
                return i;
            }
            if (s[i] == '(' || s[i] == '\'' || s[i] == '"') {
                return Integer.MIN_VALUE;
            }
            if (s[i] != '{') {
                return i;
            }
            while (i < s.length && s[i] != '}') {
                if ("\n'\"`$\\".indexOf(s[i]) >= 0) {
                    return Integer.MIN_VALUE;
                }
                i++;
            }
            return i < s.length ? i + 1 : Integer.MIN_VALUE;
        }
    }
}
