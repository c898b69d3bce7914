package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import dev.agentstream.tools.fs.MemoryBackedTempDir;
import dev.agentstream.tools.fs.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search ends early: at max_results, and when the caller closes the stream. */
class FindStopTest {

    private static final int FILES = 3000;

    /** Written once for all tests: none of them changes it. */
    @TempDir(factory = MemoryBackedTempDir.class)
    static Path shared;
    static Path root;

    @TempDir
    Path tmp;
    ToolRun calls;

    @BeforeAll
    static void writeManyFiles() throws Exception {
        root = Files.createDirectories(shared.resolve("many"));
        for (int d = 0; d < 30; d++) {
            Path dir = Files.createDirectories(root.resolve("d" + d));
            for (int i = 0; i < FILES / 30; i++) {
                Files.writeString(dir.resolve("f" + i + ".txt"), "header\nneedle in " + d + "/" + i + "\nfooter\n");
            }
        }
    }

    @BeforeEach
    void setUp() {
        calls = new ToolRun(new FindTool(), tmp.resolve("spool"));
    }

    @AfterEach
    void tearDown() {
        calls.close();
    }

    @Test
    void theSearchStopsAtMaxResultsAndSaysThereAreMore() {
        ToolRun.Recorded r = calls.run(Map.of("path", root.toString(), "pattern", "needle", "max_results", 10));
        assertThat(r.streamed().lines()).hasSize(10);
        assertThat(r.meta()).containsEntry("matches", 10L).containsEntry("capped", true);
        long scanned = (Long) r.meta().get("filesScanned");
        assertThat(scanned).as("the walk stopped early").isLessThan(FILES / 10);
        assertThat(r.text()).contains("stopped at max_results 10").contains("raise 'max_results'");
    }

    @Test
    void exactlyMaxResultsMatchesIsNotCapped() throws Exception {
        Path few = Files.createDirectories(tmp.resolve("few"));
        for (int i = 0; i < 5; i++) Files.writeString(few.resolve("f" + i), "needle\n");
        ToolRun.Recorded r = calls.run(Map.of("path", few.toString(), "pattern", "needle", "max_results", 5));
        assertThat(r.meta()).containsEntry("matches", 5L).containsEntry("capped", false).containsEntry("filesScanned", 5L);
    }

    @Test
    void closingTheStreamStopsTheWalkAtOnce() {
        ToolStream stream = calls.start(Map.of("path", root.toString(), "pattern", "needle", "max_results", 100_000));
        Iterator<ToolEvent> events = stream.iterator();
        while (events.hasNext()) {
            if (events.next() instanceof ToolEvent.Output) break; // the search is under way: stop reading
        }
        long closing = System.nanoTime();
        stream.close();
        long closeMs = (System.nanoTime() - closing) / 1_000_000;
        ToolResult result = ToolRegistry.resultOf(stream.terminal().orElseThrow());
        assertThat(result.metadata()).containsEntry("cancelled", true);
        assertThat((Long) result.metadata().get("filesScanned")).isLessThan(FILES / 2);
        assertThat(result.text()).contains("cancelled before the search finished");
        assertThat(closeMs).as("close waits for the walk, which stops at once").isLessThan(3000);
    }
}
