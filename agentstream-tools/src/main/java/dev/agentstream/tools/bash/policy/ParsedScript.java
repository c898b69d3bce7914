package dev.agentstream.tools.bash.policy;

import java.nio.charset.StandardCharsets;

/**
 * A parsed command line. Node offsets are UTF-8 byte offsets into {@code utf8}, so text is cut from those bytes.
 *
 * @param root        the syntax tree, with error nodes when the input has a syntax error
 * @param syntaxError the text near the first syntax error ({@code ""} when it cannot be located); null when clean
 */
record ParsedScript(byte[] utf8, SyntaxNode root, String syntaxError) {

    String text(SyntaxNode node) {
        return text(node.startByte(), node.endByte());
    }

    String text(int startByte, int endByte) {
        int start = Math.max(0, Math.min(startByte, utf8.length));
        int end = Math.max(start, Math.min(endByte, utf8.length));
        return new String(utf8, start, end - start, StandardCharsets.UTF_8);
    }
}
