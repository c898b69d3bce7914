package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FindPartsTest {

    @Test
    void bracesExpandIntoAlternatives() {
        assertThat(BraceExpansion.expand("*.{ts,tsx}")).containsExactly("*.ts", "*.tsx");
        assertThat(BraceExpansion.expand("{a,b}/{c,d}")).containsExactly("a/c", "a/d", "b/c", "b/d");
        assertThat(BraceExpansion.expand("x{a,{b,c}}")).containsExactly("xa", "xb", "xc");
        assertThat(BraceExpansion.expand("{single}")).containsExactly("{single}");
        assertThat(BraceExpansion.expand("open{a,b")).containsExactly("open{a,b");
    }

    @Test
    void globsHaveGitignoreMeaningRelativeToTheSearchedFolder() {
        PathGlobs globs = PathGlobs.of(List.of("*.java", "docs/"), List.of("gen/", "*Test.java"));
        assertThat(globs.includesFile("A.java")).isTrue();
        assertThat(globs.includesFile("src/deep/A.java")).isTrue();
        assertThat(globs.includesFile("docs/guide.md")).isTrue();
        assertThat(globs.includesFile("README.md")).isFalse();
        assertThat(globs.includesFile("src/ATest.java")).isFalse();
        assertThat(globs.excludesDirectory("gen")).isTrue();
        assertThat(globs.excludesDirectory("src")).isFalse();
        assertThat(PathGlobs.of(List.of(), List.of()).includesFile("anything")).isTrue();
    }

    @Test
    void shortLinesAreKeptAndLongOnesCut() {
        assertThat(LineCut.cut("short", 0)).isEqualTo("short");
        String exact = "x".repeat(LineCut.KEEP);
        assertThat(LineCut.cut(exact, 0)).isEqualTo(exact);
        assertThat(LineCut.cut("x".repeat(301), 0)).isEqualTo("x".repeat(300) + " [... 1 more chars]");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String line = "a".repeat(299) + "😀" + "b".repeat(100);
        String cut = LineCut.cut(line, 0);
        assertThat(cut).startsWith("a".repeat(299) + " [... ");
        assertThat(cut.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }
}
