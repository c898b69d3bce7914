package dev.agentstream.tools.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.tools.fs.ToolRun;
import dev.agentstream.tools.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeToolTest {

    @TempDir
    Path tmp;
    Path root;
    ToolRun calls;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("project"));
        calls = new ToolRun(new TreeTool(), tmp.resolve("spool"));
    }

    @AfterEach
    void tearDown() {
        calls.close();
    }

    private void touch(String... relatives) throws Exception {
        for (String relative : relatives) {
            Path path = root.resolve(relative);
            if (relative.endsWith("/")) {
                Files.createDirectories(path);
            } else {
                Files.createDirectories(path.getParent());
                Files.writeString(path, "");
            }
        }
    }

    private ToolRun.Recorded tree(Map<String, ?> extra) {
        Map<String, Object> input = new HashMap<>(extra);
        input.putIfAbsent("path", root.toString());
        return calls.run(input);
    }

    @Test
    void aSmallTreeIsDrawnExactlyFoldersFirstEachLevelSortedByName() throws Exception {
        touch("b/x.txt", "a/sub/deep.txt", "a/y.txt", "Z.txt", "c.txt", "empty/");
        ToolRun.Recorded r = tree(Map.of());
        String drawing = root + "\n"
                + """
                ├── a/
                │   ├── sub/
                │   │   └── deep.txt
                │   └── y.txt
                ├── b/
                │   └── x.txt
                ├── empty/
                ├── c.txt
                └── Z.txt
                """;
        assertThat(r.streamed()).isEqualTo(drawing);
        assertThat(r.text()).isEqualTo(drawing + "[4 directories, 5 files]");
        assertThat(r.meta()).containsEntry("directories", 4L).containsEntry("files", 5L).containsEntry("entriesShown", 9L);
    }

    @Test
    void namesSortCaseAsideThenExactly() throws Exception {
        touch("beta", "Alpha", "alpha", "Gamma/", "delta/");
        assertThat(tree(Map.of()).streamed().lines().skip(1).toList())
                .containsExactly("├── delta/", "├── Gamma/", "├── Alpha", "├── alpha", "└── beta");
    }

    @Test
    void foldersBelowMaxDepthAreCountedAsNotExpanded() throws Exception {
        touch("a/b/c/d.txt", "top.txt");
        ToolRun.Recorded r = tree(Map.of("max_depth", 2));
        assertThat(r.streamed()).isEqualTo(root + "\n├── a/\n│   └── b/\n└── top.txt\n");
        assertThat(r.text()).endsWith("[2 directories, 1 file; 1 directory at max_depth 2 not expanded (raise 'max_depth' or give a deeper 'path')]");
        assertThat(r.meta()).containsEntry("depthLimited", 1L);
        assertThat(tree(Map.of()).streamed()).contains("│       └── c/\n").doesNotContain("d.txt");
        assertThat(tree(Map.of("max_depth", 4)).streamed()).contains("d.txt");
    }

    @Test
    void beyondMaxEntriesTheRestIsCountedNotShown() throws Exception {
        for (int i = 0; i < 10; i++) touch("f" + i + ".txt");
        touch("sub/g1", "sub/g2");
        ToolRun.Recorded r = tree(Map.of("max_entries", 3));
        assertThat(r.streamed()).isEqualTo(root + "\n├── sub/\n│   ├── g1\n│   └── g2\n");
        assertThat(r.meta()).containsEntry("files", 12L).containsEntry("directories", 1L)
                .containsEntry("entriesShown", 3L).containsEntry("entriesNotShown", 10L);
        assertThat(r.text()).endsWith("[1 directory, 12 files; 10 entries not shown beyond max_entries 3 (lower 'max_depth' or give a narrower 'path')]");
    }

    @Test
    void onlyTheEntriesThatFitAreKeptAndTheRestAreCountedWithTheirSubtrees() throws Exception {
        touch("a1.txt", "a2.txt", "a3.txt", "z/deep/er/a", "z/deep/b", "m/x", "A0.txt");
        ToolRun.Recorded r = tree(Map.of("max_entries", 2, "max_depth", 10));
        assertThat(r.streamed()).isEqualTo(root + "\n├── m/\n│   └── x\n");
        assertThat(r.meta()).containsEntry("directories", 4L).containsEntry("files", 7L)
                .containsEntry("entriesShown", 2L).containsEntry("entriesNotShown", 9L);
    }

    @Test
    void sizesAreShownForFilesWhenAskedFor() throws Exception {
        Files.write(root.resolve("big.bin"), new byte[2048]);
        Files.writeString(root.resolve("small.txt"), "hello");
        Files.createDirectories(root.resolve("dir"));
        assertThat(tree(Map.of("sizes", true)).streamed())
                .isEqualTo(root + "\n├── dir/\n├── big.bin (2.0 KiB)\n└── small.txt (5 B)\n");
        assertThat(tree(Map.of()).streamed()).doesNotContain("KiB");
    }

    @Test
    void ignoredGitAndHiddenEntriesAreLeftOutAndCounted() throws Exception {
        touch(".gitignore", ".git/config", ".env", "build/out.class", "src/Main.java", "src/.ignore", "src/scratch.txt", "app.log", "keep.log");
        Files.writeString(root.resolve(".gitignore"), "build/\n*.log\n!keep.log\n");
        Files.writeString(root.resolve("src/.ignore"), "scratch.txt\n");
        ToolRun.Recorded r = tree(Map.of());
        assertThat(r.streamed()).isEqualTo(root + "\n├── src/\n│   └── Main.java\n└── keep.log\n");
        assertThat(r.text()).endsWith("[1 directory, 2 files; 4 entries ignored by .gitignore/.ignore/.git; 3 hidden entries left out]");
        assertThat(tree(Map.of("no_ignore", true)).streamed()).contains("build/", "app.log", "scratch.txt").doesNotContain(".git");
        assertThat(tree(Map.of("hidden", true)).streamed()).contains(".env", ".gitignore").doesNotContain(".git/");
        assertThat(tree(Map.of("hidden", true, "no_ignore", true)).streamed()).contains(".git/", "config");
    }

    @Test
    void symbolicLinksAreShownWithTheirTargetAndNotFollowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "");
        Files.createSymbolicLink(root.resolve("link"), outside);
        assertThat(tree(Map.of()).streamed()).isEqualTo(root + "\n└── link -> " + outside + "\n");
    }

    @Test
    void manyEntriesStreamInSeveralOutputEventsBeforeTheResult() throws Exception {
        for (int d = 0; d < 20; d++) for (int f = 0; f < 20; f++) touch("d" + d + "/f" + f);
        ToolRun.Recorded r = tree(Map.of());
        assertThat(r.outputs().size()).isGreaterThan(1);
        assertThat(r.streamed().lines()).hasSize(1 + 20 + 400);
        assertThat(r.meta()).containsEntry("files", 400L).containsEntry("directories", 20L);
    }

    @Test
    void progressCountsTheEntriesVisited() throws Exception {
        for (int d = 0; d < 5; d++) for (int f = 0; f < 10; f++) touch("d" + d + "/f" + f);
        List<ToolEvent.Progress> progress = tree(Map.of()).progress();
        assertThat(progress).as("the first entry is reported at once, later ones at most every 100 ms").isNotEmpty();
        assertThat(progress.getFirst().message()).isEqualTo("listing " + root);
        assertThat(progress.getFirst().counters()).containsEntry("entries", 1L).containsKeys("directories", "files");
        assertThat(progress.getLast().counters().get("entries")).isLessThanOrEqualTo(55L);
    }

    @Test
    void badInputIsAnErrorThatSaysWhatToDo() throws Exception {
        touch("file.txt");
        assertThat(tree(Map.of("path", root.resolve("file.txt").toString())).text()).contains("is a file, not a folder");
        assertThat(calls.run(Map.of()).text()).contains("'path' is missing");
        assertThat(tree(Map.of("path", "rel")).text()).contains("not an absolute path");
        assertThat(tree(Map.of("path", root.resolve("missing").toString())).text()).contains("does not exist");
        assertThat(tree(Map.of("max_depth", 0)).text()).contains("'max_depth' must be between 1");
        assertThat(tree(Map.of("sizes", "yes")).isError()).isTrue();
    }

    @Test
    void aFieldTheToolDoesNotHaveIsRefusedNotIgnored() throws Exception {
        touch("a.txt");
        ToolRun.Recorded depth = tree(Map.of("depth", 1));
        assertThat(depth.isError()).isTrue();
        assertThat(depth.text()).contains("tree has no field 'depth'").contains("max_depth");
        assertThat(tree(Map.of("max_depth", 1)).isError()).isFalse();
    }

    @Test
    void aWorkspaceKeepsTheTreeInsideItsRoots() throws Exception {
        try (ToolRun restricted = new ToolRun(new TreeTool(Workspace.of(List.of(root))), tmp.resolve("spool"))) {
            assertThat(restricted.run(Map.of("path", tmp.toString())).text()).contains("outside the workspace");
            assertThat(restricted.run(Map.of("path", root.toString())).isError()).isFalse();
        }
    }

    @Test
    void theSpecHasASchemaAndNoBuiltInType() {
        TreeTool tool = new TreeTool();
        assertThat(tool.spec().name()).isEqualTo("tree");
        assertThat(tool.spec().anthropicType()).isEmpty();
        assertThat(tool.spec().inputSchema().get("properties").fieldNames()).toIterable()
                .contains("path", "max_depth", "max_entries", "sizes", "hidden", "no_ignore");
    }
}
