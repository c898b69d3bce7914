package dev.agentstream.tools.bash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own JVM with a 64 MiB heap (see the surefire "flat-memory" execution): output many times
 * larger than the heap must stream through, be spooled in full, and leave a model view within budget.
 */
class HugeOutputFlatMemoryTest {

    @Test
    void outputFarLargerThanTheHeapStreamsWithFlatMemory() throws Exception {
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        assertThat(maxHeap).as("this test must run with a small -Xmx").isLessThanOrEqualTo(128L * 1024 * 1024);

        // seq 1 20000000 prints 168,888,897 bytes: more than twice the heap, even before UTF-16.
        long expectedBytes = 168_888_897L;
        try (CallRecorder calls = new CallRecorder(new BashTool())) {
            long streamed = 0;
            ToolEvent terminal = null;
            try (ToolStream stream = calls.start(Map.of("command", "seq 1 20000000"))) {
                for (ToolEvent event : stream) {
                    if (event instanceof ToolEvent.Output o) streamed += o.text().length();
                    if (event.isTerminal()) terminal = event;
                }
            }
            ToolResult result = ToolRegistry.resultOf(terminal);
            assertThat(streamed).isEqualTo(expectedBytes);
            assertThat(result.metadata()).containsEntry("exitCode", 0).containsEntry("truncated", true)
                    .containsEntry("bytes", expectedBytes).containsEntry("lines", 20_000_000L);
            String text = result.text();
            assertThat(text.length()).isLessThanOrEqualTo(30_000 + 400);
            assertThat(text).startsWith("1\n2\n3\n").contains("lines").contains("omitted").contains("20000000\n[exit code 0]");
            Path spool = Path.of((String) result.metadata().get("spoolPath"));
            assertThat(text).contains(spool.toString());
            assertThat(Files.size(spool)).isEqualTo(expectedBytes);
        }
    }

    @Test
    void randomBinaryOutputOfManyMegabytesNeverBreaksAnything() {
        try (CallRecorder calls = new CallRecorder(new BashTool())) {
            long outputs = 0;
            ToolEvent terminal = null;
            try (ToolStream stream = calls.start(Map.of("command", "head -c 50000000 /dev/urandom; echo; echo end-of-noise"))) {
                for (ToolEvent event : stream) {
                    if (event instanceof ToolEvent.Output) outputs++;
                    if (event.isTerminal()) terminal = event;
                }
            }
            ToolResult result = ToolRegistry.resultOf(terminal);
            assertThat(outputs).isPositive();
            assertThat(result.metadata()).containsEntry("exitCode", 0);
            assertThat(result.text()).contains("end-of-noise").hasSizeLessThanOrEqualTo(30_000 + 400);
        }
    }
}
