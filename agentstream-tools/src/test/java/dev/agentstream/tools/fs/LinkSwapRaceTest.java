package dev.agentstream.tools.fs;

import dev.agentstream.tools.Workspace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.edit.EditTool;
import dev.agentstream.tools.find.FindTool;
import dev.agentstream.tools.tree.TreeTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path inside the root swapped for a link to outside while the tools work on it: whatever the timing,
 * nothing from outside is ever shown or written. Each run also checks that both sides of the race were
 * really met (calls that read the inside file, and swaps that happened meanwhile).
 */
class LinkSwapRaceTest {

    private static final String SECRET = "OUTSIDE-SECRET-7d41";
    private static final String INSIDE = "inside content\n";
    private static final int VIEWS = 500;
    private static final int WALKS = 200;

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private Workspace workspace;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.writeString(outside.resolve("secret.txt"), SECRET + "\n");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir/notes.txt"), SECRET + "\n");
        Files.writeString(outside.resolve("dir/" + SECRET + ".txt"), SECRET + "\n");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/notes.txt"), INSIDE);
        Files.writeString(root.resolve("victim.txt"), INSIDE);
        workspace = Workspace.of(List.of(root));
    }

    @Test
    void viewNeverShowsTheOutsideFileWhenTheFileIsSwappedForALink() throws Exception {
        viewRace(LinkSwapper.file(root.resolve("victim.txt"), INSIDE, outside.resolve("secret.txt")), root.resolve("victim.txt"));
    }

    @Test
    void viewNeverShowsTheOutsideFileWhenItsFolderIsSwappedForALink() throws Exception {
        viewRace(LinkSwapper.folder(root.resolve("sub"), outside.resolve("dir")), root.resolve("sub/notes.txt"));
    }

    @Test
    void editsNeverWriteOutside() throws Exception {
        int edited = 0;
        try (ToolRun calls = new ToolRun(new EditTool(workspace), tmp.resolve("spool"));
             LinkSwapper swapper = LinkSwapper.folder(root.resolve("sub"), outside.resolve("dir"))) {
            // Most edits in the race are refused (a link, a changed file); keep going until some went through,
            // so the test shows the edits were really made inside, not only refused.
            for (int i = 0; i < WALKS || (edited == 0 && i < WALKS * 20); i++) {
                ToolRun.Recorded r = calls.run(Map.of("command", "insert", "path", root + "/sub/notes.txt",
                        "insert_line", 0, "insert_text", "edit " + i));
                assertThat(r.text()).doesNotContain(SECRET);
                if (!r.isError()) edited++;
                ToolRun.Recorded undo = calls.run(Map.of("command", "undo_edit", "path", root + "/sub/notes.txt"));
                assertThat(undo.text()).doesNotContain(SECRET);
            }
            assertThat(swapper.swaps()).isPositive();
        }
        assertThat(edited).isPositive();
        assertThat(Files.readString(outside.resolve("dir/notes.txt"))).isEqualTo(SECRET + "\n");
        try (var left = Files.list(outside.resolve("dir"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("notes.txt", SECRET + ".txt");
        }
    }

    @Test
    void findNeverSearchesOutside() throws Exception {
        try (ToolRun calls = new ToolRun(new FindTool(workspace), tmp.resolve("spool"));
             LinkSwapper files = LinkSwapper.file(root.resolve("victim.txt"), INSIDE, outside.resolve("secret.txt"));
             LinkSwapper folders = LinkSwapper.folder(root.resolve("sub"), outside.resolve("dir"))) {
            int found = 0;
            for (int i = 0; i < WALKS; i++) {
                ToolRun.Recorded r = calls.run(Map.of("pattern", "inside|SECRET", "regex", true, "path", root.toString()));
                assertThat(r.streamed() + r.text()).doesNotContain(SECRET);
                if (r.streamed().contains("inside content")) found++;
            }
            assertThat(found).isPositive();
            assertThat(files.swaps()).isPositive();
            assertThat(folders.swaps()).isPositive();
        }
    }

    @Test
    void treeNeverListsOutside() throws Exception {
        try (ToolRun calls = new ToolRun(new TreeTool(workspace), tmp.resolve("spool"));
             LinkSwapper swapper = LinkSwapper.folder(root.resolve("sub"), outside.resolve("dir"))) {
            int listed = 0;
            for (int i = 0; i < WALKS; i++) {
                ToolRun.Recorded r = calls.run(Map.of("path", root.toString()));
                assertThat(r.streamed() + r.text()).doesNotContain(SECRET);
                if ((r.streamed() + r.text()).contains("notes.txt")) listed++;
            }
            assertThat(listed).isPositive();
            assertThat(swapper.swaps()).isPositive();
        }
    }

    private void viewRace(LinkSwapper swapper, Path file) throws Exception {
        int shown = 0;
        try (ToolRun calls = new ToolRun(new EditTool(workspace), tmp.resolve("spool")); swapper) {
            for (int i = 0; i < VIEWS; i++) {
                ToolRun.Recorded r = calls.run(Map.of("command", "view", "path", file.toString()));
                assertThat(r.streamed() + r.text()).doesNotContain(SECRET);
                if (!r.isError()) {
                    assertThat(r.text()).contains("inside content");
                    shown++;
                }
            }
            assertThat(swapper.swaps()).isPositive();
        }
        assertThat(shown).isPositive();
    }
}
