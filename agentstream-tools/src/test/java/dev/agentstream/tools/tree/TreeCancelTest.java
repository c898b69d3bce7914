package dev.agentstream.tools.tree;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCancelTest {

    @TempDir(factory = MemoryBackedTempDir.class)
    Path tmp;

    @Test
    void closingTheStreamStopsTheWalk() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("big"));
        for (int d = 0; d < 30; d++) {
            Path dir = Files.createDirectories(root.resolve("d" + d));
            for (int f = 0; f < 100; f++) Files.createFile(dir.resolve("f" + f));
        }
        try (ToolRun calls = new ToolRun(new TreeTool(), tmp.resolve("spool"))) {
            ToolStream stream = calls.start(Map.of("path", root.toString(), "max_entries", 1_000_000));
            Iterator<ToolEvent> events = stream.iterator();
            while (events.hasNext()) {
                if (events.next() instanceof ToolEvent.Output) break;
            }
            stream.close();
            ToolResult result = ToolRegistry.resultOf(stream.terminal().orElseThrow());
            assertThat(result.metadata()).containsEntry("cancelled", true);
            assertThat((Long) result.metadata().get("files")).isLessThan(3000L);
            assertThat(result.text()).contains("cancelled before the walk finished");
        }
    }
}
