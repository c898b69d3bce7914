package dev.agentstream.tools.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentstream.tools.fs.MemoryBackedTempDir;
import dev.agentstream.tools.fs.ToolRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in its own JVM with a 64 MiB heap (the surefire "flat-memory" execution): a tree of 200,000 entries
 * with long names is walked to the end, counted in full, and only max_entries of it drawn.
 */
class TreeFlatMemoryTest {

    private static final int FOLDERS = 200;
    private static final int FILES_PER_FOLDER = 1000;
    /** Long names make holding the whole tree cost far more than the heap leaves free. */
    private static final String NAME_PAD = "-a-rather-long-file-name-so-that-keeping-every-entry-would-show-in-memory-use-";

    @TempDir(factory = MemoryBackedTempDir.class)
    Path tmp;

    @Test
    void aTreeOfTwoHundredThousandEntriesIsWalkedInFlatMemory() throws Exception {
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        // Meaningful only in the surefire "flat-memory" execution (-Xmx64m); a -Dtest run in the default JVM skips it.
        assumeTrue(maxHeap <= 128L * 1024 * 1024, "runs only with a small -Xmx (the flat-memory execution)");
        Path root = Files.createDirectories(tmp.resolve("wide"));
        for (int d = 0; d < FOLDERS; d++) {
            Path folder = Files.createDirectory(root.resolve(String.format("folder%03d", d)));
            for (int f = 0; f < FILES_PER_FOLDER; f++) {
                Files.createFile(folder.resolve(f + NAME_PAD + d));
            }
        }
        try (ToolRun calls = new ToolRun(new TreeTool(), tmp.resolve("spool"))) {
            ToolRun.Recorded r = calls.run(Map.of("path", root.toString(), "max_depth", 10));
            long total = (long) FOLDERS * FILES_PER_FOLDER;
            assertThat(r.meta()).containsEntry("directories", (long) FOLDERS).containsEntry("files", total)
                    .containsEntry("entriesShown", 1000L).containsEntry("entriesNotShown", FOLDERS + total - 1000);
            assertThat(r.streamed().lines()).hasSize(1 + 1000);
            assertThat(r.text()).contains("200 directories, 200,000 files");

            ToolRun.Recorded all = calls.run(Map.of("path", root.toString(), "max_depth", 10, "max_entries", 10_000_000));
            assertThat(all.meta()).containsEntry("entriesShown", FOLDERS + total);
            assertThat(all.text().length()).as("the model view stays within its budget").isLessThan(31_000);
        }
    }
}
