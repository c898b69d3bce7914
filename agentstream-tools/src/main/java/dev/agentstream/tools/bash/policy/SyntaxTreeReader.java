package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * Copies a tree-sitter tree into {@link SyntaxNode}s with as few native calls as possible: a cursor moves through
 * the tree and type and field names come from tables read once, so each node costs three node calls.
 */
final class SyntaxTreeReader {

    /** Below this depth nodes are copied without children; the walker refuses such input. */
    static final int MAX_DEPTH = 500;

    private final String[] types;
    private final boolean[] named;
    private final String[] fields;

    SyntaxTreeReader(TSLanguage language) {
        int symbols = language.symbolCount();
        types = new String[symbols];
        named = new boolean[symbols];
        for (int i = 0; i < symbols; i++) {
            types[i] = language.symbolName(i);
            TSSymbolType kind = language.symbolType(i);
            named[i] = kind == TSSymbolType.TSSymbolTypeRegular || kind == TSSymbolType.TSSymbolTypeSupertype;
        }
        int fieldCount = language.fieldCount();
        fields = new String[fieldCount + 1];
        for (int i = 1; i <= fieldCount; i++) {
            fields[i] = language.fieldNameForId(i);
        }
    }

    SyntaxNode read(TSTree tree) {
        return read(new TSTreeCursor(tree.getRootNode()), 0);
    }

    private SyntaxNode read(TSTreeCursor cursor, int depth) {
        TSNode node = cursor.currentNode();
        int symbol = node.getSymbol();
        int fieldId = cursor.currentFieldId();
        List<SyntaxNode> children = List.of();
        if (depth <= MAX_DEPTH && cursor.gotoFirstChild()) {
            children = new ArrayList<>();
            do {
                children.add(read(cursor, depth + 1));
            } while (cursor.gotoNextSibling());
            cursor.gotoParent();
        }
        // Offsets cannot be taken from the children: hidden tokens (heredoc text, trailing blanks) widen a node.
        int start = node.getStartByte();
        int end = node.getEndByte();
        boolean known = symbol >= 0 && symbol < types.length;
        return new SyntaxNode(known ? types[symbol] : node.getType(), known ? named[symbol] : node.isNamed(),
                fieldId > 0 && fieldId < fields.length ? fields[fieldId] : null, start, end, children);
    }
}
