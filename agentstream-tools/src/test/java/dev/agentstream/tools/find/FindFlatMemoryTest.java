package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentstream.tools.fs.ToolRun;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in its own JVM with a 64 MiB heap (the surefire "flat-memory" execution): a file larger than the
 * heap, with a few very long lines, is searched through without ever being held whole.
 */
class FindFlatMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void aFileLargerThanTheHeapIsSearchedInFlatMemory() throws Exception {
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        // Meaningful only in the surefire "flat-memory" execution (-Xmx64m); a -Dtest run in the default JVM skips it.
        assumeTrue(maxHeap <= 128L * 1024 * 1024, "runs only with a small -Xmx (the flat-memory execution)");
        Path file = tmp.resolve("huge.log");
        String filler = "an ordinary log line that does not contain the word we look for, padded to about one hundred chars\n";
        String longLine = "x".repeat(3_000_000) + " needle in a long line\n";
        long lines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int block = 0; block < 100; block++) {
                for (int i = 0; i < 10_000; i++) {
                    out.write(filler);
                    lines++;
                }
                if (block % 25 == 0) {
                    out.write(longLine);
                    lines++;
                }
                out.write("needle number " + block + "\n");
                lines++;
            }
        }
        assertThat(Files.size(file)).isGreaterThan(maxHeap);
        try (ToolRun calls = new ToolRun(new FindTool(), tmp.resolve("spool"))) {
            ToolRun.Recorded r = calls.run(Map.of("path", file.toString(), "pattern", "needle", "max_results", 1000));
            assertThat(r.meta()).containsEntry("matches", 104L).containsEntry("capped", false);
            assertThat(r.streamed()).contains(file + ":10002:needle number 0\n").contains(file + ":" + lines + ":needle number 99\n");
            assertThat(r.streamed().lines()).allMatch(l -> l.length() < file.toString().length() + 400);
        }
    }
}
