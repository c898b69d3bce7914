package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.fs.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What find leaves out by default: ignored, hidden and binary files, and .git. */
class FindFilteringTest {

    @TempDir
    Path tmp;
    Path root;
    ToolRun calls;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("repo"));
        calls = new ToolRun(new FindTool(), tmp.resolve("spool"));
    }

    @AfterEach
    void tearDown() {
        calls.close();
    }

    private Path write(String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private ToolRun.Recorded find(Map<String, ?> extra) {
        Map<String, Object> input = new HashMap<>(extra);
        input.putIfAbsent("path", root.toString());
        input.putIfAbsent("pattern", "needle");
        return calls.run(input);
    }

    @Test
    void gitignoreRulesAtTheRootAndNestedAreRespectedWithNegation() throws Exception {
        Files.createDirectories(root.resolve(".git"));
        write(".gitignore", "*.log\nbuild/\n");
        Path kept = write("src/Main.java", "needle\n");
        write("app.log", "needle\n");
        write("build/out.txt", "needle\n");
        write("src/.gitignore", "generated.java\n!important.log\n");
        write("src/generated.java", "needle\n");
        Path important = write("src/important.log", "needle\n");
        ToolRun.Recorded r = find(Map.of());
        assertThat(r.sortedLines()).containsExactly(kept + ":1:needle", important + ":1:needle");
    }

    @Test
    void aGitignoreOutsideAGitRepositoryIsNotAppliedAsInRipgrep() throws Exception {
        write(".gitignore", "*.log\n");
        Path log = write("app.log", "needle\n");
        assertThat(find(Map.of()).sortedLines()).containsExactly(log + ":1:needle");
    }

    @Test
    void dotIgnoreFilesAreRespectedToo() throws Exception {
        write(".ignore", "fixtures/\n");
        write("fixtures/data.txt", "needle\n");
        Path kept = write("main.txt", "needle\n");
        assertThat(find(Map.of()).sortedLines()).containsExactly(kept + ":1:needle");
    }

    @Test
    void theGitFolderIsNeverSearchedWhileIgnoreRulesAreOn() throws Exception {
        write(".git/config", "needle\n");
        write(".git/objects/ab/cdef", "needle\n");
        Path kept = write("main.txt", "needle\n");
        assertThat(find(Map.of()).sortedLines()).containsExactly(kept + ":1:needle");
        assertThat(find(Map.of("hidden", true)).sortedLines()).containsExactly(kept + ":1:needle");
        assertThat(find(Map.of("hidden", true, "no_ignore", true)).sortedLines())
                .contains(root.resolve(".git/config") + ":1:needle").hasSize(3);
    }

    @Test
    void rulesOfParentFoldersApplyWhenSearchingASubfolderOfARepository() throws Exception {
        Files.createDirectories(root.resolve(".git"));
        write(".gitignore", "*.gen\n");
        write("sub/x.gen", "needle\n");
        Path kept = write("sub/x.java", "needle\n");
        ToolRun.Recorded r = calls.run(Map.of("path", root.resolve("sub").toString(), "pattern", "needle"));
        assertThat(r.sortedLines()).containsExactly(kept + ":1:needle");
    }

    @Test
    void noIgnoreSearchesWhatTheRulesWouldSkip() throws Exception {
        write(".gitignore", "*.log\n");
        Path log = write("app.log", "needle\n");
        Path kept = write("main.txt", "needle\n");
        assertThat(find(Map.of("no_ignore", true)).sortedLines()).containsExactly(log + ":1:needle", kept + ":1:needle");
    }

    @Test
    void hiddenFilesAndFoldersAreSearchedOnlyWhenAskedFor() throws Exception {
        Path env = write(".env", "needle\n");
        Path config = write(".config/settings.txt", "needle\n");
        Path kept = write("main.txt", "needle\n");
        assertThat(find(Map.of()).sortedLines()).containsExactly(kept + ":1:needle");
        assertThat(find(Map.of("hidden", true)).sortedLines())
                .containsExactly(config + ":1:needle", env + ":1:needle", kept + ":1:needle");
    }

    @Test
    void binaryFilesAreSkippedAndCounted() throws Exception {
        Path bin = root.resolve("image.bin");
        byte[] bytes = "needle\0needle\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(bin, bytes);
        Path kept = write("main.txt", "needle\n");
        ToolRun.Recorded r = find(Map.of());
        assertThat(r.sortedLines()).containsExactly(kept + ":1:needle");
        assertThat(r.text()).endsWith("[1 match in 1 file; 1 file searched (7 B); 1 binary file skipped]");
        assertThat(r.meta()).containsEntry("binarySkipped", 1L);
    }

    @Test
    void symbolicLinksAreNotFollowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("o.txt"), "needle\n");
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("file-link.txt"), outside.resolve("o.txt"));
        Path kept = write("main.txt", "needle\n");
        assertThat(find(Map.of()).sortedLines()).containsExactly(kept + ":1:needle");
    }
}
