package dev.agentstream.tools.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in its own JVM with a 64 MiB heap (the surefire "flat-memory" execution): a 2 GiB file, 32 times the
 * heap, is viewed whole and near its end. Both must stream through in fixed memory and leave a result
 * within the output budget.
 */
class HugeFileViewFlatMemoryTest {

    private static final int LINE_BYTES = 64;
    private static final int BLOCK_BYTES = 1 << 20;
    private static final int LINES_PER_BLOCK = BLOCK_BYTES / LINE_BYTES;
    private static final int BLOCKS = 2048;
    private static final long FILE_BYTES = (long) BLOCK_BYTES * BLOCKS;
    private static final long TOTAL_LINES = (long) LINES_PER_BLOCK * BLOCKS;

    @TempDir
    static Path tmp;

    static Path file;

    @BeforeAll
    static void writeTwoGibibytes() throws Exception {
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        // Meaningful only with a heap far smaller than the file: the "flat-memory" surefire execution runs it with
        // -Xmx64m; a plain -Dtest run in a big-heap JVM skips it rather than proving nothing.
        Assumptions.assumeTrue(maxHeap <= 128L * 1024 * 1024, "needs a small -Xmx (run by the flat-memory execution)");
        file = tmp.resolve("huge.txt");
        ByteBuffer block = ByteBuffer.wrap(block());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < BLOCKS; i++) {
                block.rewind();
                while (block.hasRemaining()) channel.write(block);
            }
        }
        assertThat(Files.size(file)).isEqualTo(FILE_BYTES);
    }

    @AfterAll
    static void deleteIt() throws Exception {
        if (file != null) Files.deleteIfExists(file);
    }

    /** 16384 lines of exactly 64 bytes: "row 00042 of the block, padded with tabs and dots ...\n". */
    private static byte[] block() {
        StringBuilder s = new StringBuilder(BLOCK_BYTES);
        for (int i = 0; i < LINES_PER_BLOCK; i++) s.append(line(i));
        byte[] bytes = s.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(bytes).hasSize(BLOCK_BYTES);
        return bytes;
    }

    private static String line(int row) {
        String head = String.format("row %05d\tof the block", row);
        return head + ".".repeat(LINE_BYTES - 1 - head.length()) + "\n";
    }

    @Test
    void theWholeFileStreamsThroughInChunksAndTheModelGetsABudgetedView() throws Exception {
        Path spool = Files.createDirectories(tmp.resolve("spool-full"));
        try (EditCalls calls = new EditCalls(new EditTool(), RuntimeConfig.defaults().withSpoolDir(spool))) {
            long streamedChars = 0;
            long outputs = 0;
            double lastFraction = 0;
            ToolEvent terminal = null;
            try (ToolStream stream = calls.start(Map.of("command", "view", "path", file.toString()))) {
                for (ToolEvent event : stream) {
                    if (event instanceof ToolEvent.Output o) {
                        streamedChars += o.text().length();
                        outputs++;
                    }
                    if (event instanceof ToolEvent.Progress p && p.fraction().isPresent()) {
                        assertThat(p.fraction().getAsDouble()).isGreaterThanOrEqualTo(lastFraction);
                        lastFraction = p.fraction().getAsDouble();
                    }
                    if (event.isTerminal()) terminal = event;
                }
            }
            ToolResult result = ToolRegistry.resultOf(terminal);
            assertThat(result.isError()).as(result.text()).isFalse();
            assertThat(streamedChars).isEqualTo(expectedCatNChars());
            assertThat(outputs).isGreaterThanOrEqualTo(FILE_BYTES / Utf8LineNumberer.MAX_CHUNK_BYTES);
            assertThat(lastFraction).isGreaterThan(0.5);
            assertThat(result.metadata()).containsEntry("totalLines", TOTAL_LINES).containsEntry("truncated", true)
                    .containsEntry("fileBytes", FILE_BYTES).containsEntry("lastLine", TOTAL_LINES);
            String text = result.text();
            assertThat(text.length()).isLessThanOrEqualTo(30_000 + 600);
            assertThat(text).startsWith("     1\t" + line(0)).contains("omitted")
                    .contains(TOTAL_LINES + "\t" + line(LINES_PER_BLOCK - 1));
            assertThat(text).contains("omitted; to read them, see the note at the end ...]");
            // no copy of the view in the spool: a file of this view's size would be written on every view
            assertThat(result.metadata()).doesNotContainKey("spoolPath");
            try (var written = Files.walk(spool)) {
                assertThat(written.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    @Test
    void aRangeNearTheEndSkipsToItWithoutHoldingTheFile() {
        try (EditCalls calls = new EditCalls(new EditTool(), tmp.resolve("spool-range"))) {
            EditCalls.Recorded view = calls.call("command", "view", "path", file, "view_range", List.of(TOTAL_LINES - 2, -1));
            assertThat(view.isError()).as(view.text()).isFalse();
            assertThat(view.text()).isEqualTo(TOTAL_LINES - 2 + "\t" + line(LINES_PER_BLOCK - 3)
                    + (TOTAL_LINES - 1) + "\t" + line(LINES_PER_BLOCK - 2)
                    + TOTAL_LINES + "\t" + line(LINES_PER_BLOCK - 1));
            assertThat(view.meta()).containsEntry("firstLine", TOTAL_LINES - 2).containsEntry("totalLines", TOTAL_LINES);
            assertThat(view.progress()).isNotEmpty();

            String past = EditAssertions.assertInputError(calls.call("command", "view", "path", file, "view_range", List.of(TOTAL_LINES + 1, -1)));
            assertThat(past).contains("has " + TOTAL_LINES + " lines");
        }
    }

    @Test
    void theFirstLinesAndAMaxCharactersViewReturnAtOnce() {
        try (EditCalls calls = new EditCalls(new EditTool(), tmp.resolve("spool-head"))) {
            EditCalls.Recorded head = calls.call("command", "view", "path", file, "view_range", List.of(1, 20));
            assertThat(head.text().lines()).hasSize(20);
            assertThat(head.meta()).containsEntry("lastLine", 20L).containsEntry("bytes", (long) head.text().length());

            EditCalls.Recorded limited = calls.call("command", "view", "path", file, "max_characters", 10_000);
            assertThat(limited.streamedText()).hasSizeLessThanOrEqualTo(10_000);
            assertThat(limited.meta()).containsEntry("maxCharactersReached", true);
        }
    }

    /** cat -n of the file: each line gets its number, at least 6 columns wide, and a tab. */
    private static long expectedCatNChars() {
        long total = 0;
        long lowest = 1;
        for (int digits = 1; lowest <= TOTAL_LINES; digits++, lowest *= 10) {
            long highest = Math.min(TOTAL_LINES, lowest * 10 - 1);
            total += (highest - lowest + 1) * (Math.max(6, digits) + 1 + LINE_BYTES);
        }
        return total;
    }
}
