package dev.agentstream.tools.bash.policy;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterBash;

/**
 * Parses bash with tree-sitter. Parsers are not thread-safe, so each parse borrows one from a small pool.
 */
final class BashParser {

    /** Parsing is linear, but a multi-megabyte "command" is not something a model should send to a shell. */
    static final int MAX_CHARS = 1_000_000;
    private static final long TIMEOUT_MICROS = 2_000_000;
    private static final int POOL_SIZE = 8;

    // Loaded on first use so that a missing native library surfaces inside check(), where it becomes a refusal.
    private static final TSLanguage BASH = new TreeSitterBash();
    private static final SyntaxTreeReader READER = new SyntaxTreeReader(BASH);
    private static final ConcurrentLinkedQueue<TSParser> POOL = new ConcurrentLinkedQueue<>();

    private BashParser() {
    }

    /** Returns null when the parser gave up (timeout). */
    static ParsedScript parse(byte[] utf8) {
        TSParser parser = borrow();
        // parse(byte[]...) returns null on timeout; parseString would wrap a null tree and crash natively.
        TSTree tree = parser.parse(new byte[8192], null, (buffer, offset, point) -> {
            int n = Math.max(0, Math.min(buffer.length, utf8.length - offset));
            System.arraycopy(utf8, offset, buffer, 0, n);
            return n;
        }, TSInputEncoding.TSInputEncodingUTF8);
        if (tree == null) {
            // A timed-out parser would resume the abandoned parse next time; drop it instead.
            return null;
        }
        giveBack(parser);
        try {
            TSNode root = tree.getRootNode();
            return new ParsedScript(utf8, READER.read(tree), root.hasError() ? textNearError(root, utf8) : null);
        } finally {
            Reference.reachabilityFence(tree); // its native memory backs the nodes being read
        }
    }

    private static String textNearError(TSNode root, byte[] utf8) {
        TSNode error = firstError(root);
        if (error == null) {
            return "";
        }
        int start = Math.min(error.getStartByte(), utf8.length);
        int end = Math.max(start, Math.min(error.getEndByte(), utf8.length));
        return new String(utf8, start, end - start, StandardCharsets.UTF_8).strip();
    }

    private static TSNode firstError(TSNode node) {
        if (node.isError() || node.isMissing()) {
            return node;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            TSNode child = node.getChild(i);
            if (child.hasError() || child.isMissing()) {
                TSNode found = firstError(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static TSParser borrow() {
        TSParser parser = POOL.poll();
        if (parser == null) {
            parser = new TSParser();
            parser.setLanguage(BASH);
            parser.setTimeoutMicros(TIMEOUT_MICROS);
        }
        return parser;
    }

    private static void giveBack(TSParser parser) {
        if (POOL.size() < POOL_SIZE) {
            POOL.offer(parser);
        }
    }
}
