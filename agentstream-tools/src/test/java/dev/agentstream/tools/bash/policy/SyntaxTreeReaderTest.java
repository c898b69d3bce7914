package dev.agentstream.tools.bash.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterBash;

/** The copied tree must match what tree-sitter itself reports, node for node. */
class SyntaxTreeReaderTest {

    private static final TSLanguage BASH = new TreeSitterBash();

    @ParameterizedTest
    @ValueSource(strings = {"ls -la && echo hi\n", "  for f in *.txt; do wc -l \"$f\"; done  \n\n",
        "cat <<EOF > out\nhi $(date)\nEOF\n", "x=$(a | b) y=2 cmd >x / 2>&1 &", ":(){ :|:& };:",
        "echo 'é😀' \"$'\\x41'\" ${a:-$(b)} `c` <(d) >(e)", "case $x in a) b;; *) c;; esac"})
    void copyMatchesTheNativeTree(String source) {
        TSParser parser = new TSParser();
        parser.setLanguage(BASH);
        TSTree tree = parser.parseString(null, source);
        SyntaxNode copy = new SyntaxTreeReader(BASH).read(tree);
        assertSame(tree.getRootNode(), copy, null);
    }

    private static void assertSame(TSNode expected, SyntaxNode actual, String field) {
        assertThat(actual.type()).isEqualTo(expected.getType());
        assertThat(actual.named()).isEqualTo(expected.isNamed());
        assertThat(actual.field()).isEqualTo(field);
        assertThat(actual.startByte()).as(actual.type()).isEqualTo(expected.getStartByte());
        assertThat(actual.endByte()).as(actual.type()).isEqualTo(expected.getEndByte());
        assertThat(actual.children()).hasSize(expected.getChildCount());
        for (int i = 0; i < expected.getChildCount(); i++) {
            assertSame(expected.getChild(i), actual.children().get(i), expected.getFieldNameForChild(i));
        }
    }
}
