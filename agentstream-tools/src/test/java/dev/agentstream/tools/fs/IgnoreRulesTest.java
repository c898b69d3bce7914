package dev.agentstream.tools.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {

    @TempDir
    Path tmp;

    private static boolean ignored(IgnoreRules rules, Path entry, boolean directory) {
        return rules.isIgnored(entry.toString(), directory);
    }

    @Test
    void rootRulesMatchNamesAtAnyDepthAndAnchoredPathsOnlyAtTheRoot() throws Exception {
        Files.createDirectories(tmp.resolve(".git"));
        Files.writeString(tmp.resolve(".gitignore"), "*.log\n/only-here.txt\nbuild/\n");
        IgnoreRules rules = IgnoreRules.forRoot(tmp);
        assertThat(ignored(rules, tmp.resolve("a.log"), false)).isTrue();
        assertThat(ignored(rules, tmp.resolve("deep/down/b.log"), false)).isTrue();
        assertThat(ignored(rules, tmp.resolve("only-here.txt"), false)).isTrue();
        assertThat(ignored(rules, tmp.resolve("sub/only-here.txt"), false)).isFalse();
        assertThat(ignored(rules, tmp.resolve("build"), true)).isTrue();
        assertThat(ignored(rules, tmp.resolve("build"), false)).as("build/ names folders only").isFalse();
        assertThat(ignored(rules, tmp.resolve("main.c"), false)).isFalse();
    }

    @Test
    void aNestedFileOverridesItsParentsAndNegationReincludes() throws Exception {
        Files.createDirectories(tmp.resolve(".git"));
        Files.writeString(tmp.resolve(".gitignore"), "*.txt\n");
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(sub.resolve(".gitignore"), "!keep.txt\n");
        IgnoreRules root = IgnoreRules.forRoot(tmp);
        IgnoreRules inSub = root.enter(sub);
        assertThat(ignored(inSub, sub.resolve("keep.txt"), false)).isFalse();
        assertThat(ignored(inSub, sub.resolve("other.txt"), false)).isTrue();
        assertThat(ignored(root, tmp.resolve("keep.txt"), false)).as("the negation holds only below sub").isTrue();
    }

    @Test
    void dotIgnoreWinsOverGitignoreInTheSameFolder() throws Exception {
        Files.createDirectories(tmp.resolve(".git"));
        Files.writeString(tmp.resolve(".gitignore"), "generated/\n");
        Files.writeString(tmp.resolve(".ignore"), "!generated/\nscratch.md\n");
        IgnoreRules rules = IgnoreRules.forRoot(tmp);
        assertThat(ignored(rules, tmp.resolve("generated"), true)).isFalse();
        assertThat(ignored(rules, tmp.resolve("scratch.md"), false)).isTrue();
    }

    @Test
    void rulesOfParentFoldersApplyUpToTheRepositoryTop() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git/info"));
        Files.writeString(repo.resolve(".git/info/exclude"), "*.local\n");
        Files.writeString(repo.resolve(".gitignore"), "*.gen\n/sub/anchored.txt\n");
        Path sub = Files.createDirectories(repo.resolve("sub"));
        IgnoreRules rules = IgnoreRules.forRoot(sub);
        assertThat(ignored(rules, sub.resolve("x.gen"), false)).isTrue();
        assertThat(ignored(rules, sub.resolve("anchored.txt"), false)).isTrue();
        assertThat(ignored(rules, sub.resolve("x.local"), false)).as(".git/info/exclude").isTrue();
        assertThat(ignored(rules, sub.resolve("x.java"), false)).isFalse();
    }

    @Test
    void outsideARepositoryOnlyDotIgnoreCountsAsRipgrepDoes() throws Exception {
        Files.writeString(tmp.resolve(".gitignore"), "*.txt\n");
        Files.writeString(tmp.resolve(".ignore"), "*.tmp\n");
        Path inner = Files.createDirectories(tmp.resolve("inner"));
        Files.createDirectories(inner.resolve(".git"));
        Files.writeString(inner.resolve(".gitignore"), "*.md\n");
        IgnoreRules rules = IgnoreRules.forRoot(tmp);
        assertThat(ignored(rules, tmp.resolve("a.txt"), false)).as(".gitignore outside a repository").isFalse();
        assertThat(ignored(rules, tmp.resolve("a.tmp"), false)).as(".ignore anywhere").isTrue();
        IgnoreRules inRepo = rules.enter(inner);
        assertThat(ignored(inRepo, inner.resolve("b.md"), false)).as(".gitignore inside the repository below").isTrue();
        assertThat(ignored(inRepo, inner.resolve("b.tmp"), false)).isTrue();
        IgnoreRules below = IgnoreRules.forRoot(Files.createDirectories(tmp.resolve("project")));
        assertThat(ignored(below, tmp.resolve("project/c.tmp"), false)).as("a parent's .ignore").isTrue();
    }

    @Test
    void aGitignoreAboveAFolderOutsideAnyRepositoryIsNotApplied() throws Exception {
        Files.writeString(tmp.resolve(".gitignore"), "*.txt\n");
        Path project = Files.createDirectories(tmp.resolve("project"));
        IgnoreRules rules = IgnoreRules.forRoot(project);
        assertThat(rules.isEmpty()).isTrue();
        assertThat(ignored(rules, project.resolve("a.txt"), false)).isFalse();
    }

    @Test
    void aFolderWithoutRuleFilesSharesItsParentsChain() throws Exception {
        Files.writeString(tmp.resolve(".gitignore"), "*.o\n");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        IgnoreRules root = IgnoreRules.forRoot(tmp);
        assertThat(root.enter(plain)).isSameAs(root);
        assertThat(IgnoreRules.none().enter(plain)).isSameAs(IgnoreRules.none());
    }
}
