package dev.agentstream.tools.bash.policy;

import java.util.List;

/**
 * A plain-Java copy of one tree-sitter node. The binding pays several JNI lookups per node call, so the tree is
 * read once into these and everything else works on them.
 *
 * @param type      the grammar type, e.g. {@code command}, {@code word}, or the token text for anonymous nodes
 * @param named     false for punctuation and keywords
 * @param field     the field this node fills in its parent ({@code name}, {@code argument}, ...), or null
 * @param startByte UTF-8 offset of the first byte
 * @param endByte   UTF-8 offset after the last byte
 */
record SyntaxNode(String type, boolean named, String field, int startByte, int endByte, List<SyntaxNode> children) {

    SyntaxNode child(String fieldName) {
        for (SyntaxNode c : children) {
            if (fieldName.equals(c.field)) {
                return c;
            }
        }
        return null;
    }

    SyntaxNode childOfType(String childType) {
        for (SyntaxNode c : children) {
            if (c.is(childType)) {
                return c;
            }
        }
        return null;
    }

    List<SyntaxNode> namedChildren() {
        return children.stream().filter(SyntaxNode::named).toList();
    }

    boolean is(String t) {
        return type.equals(t);
    }
}
