package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A view without a character limit numbers the file over its bytes ({@link Utf8LineNumberer}); with a limit it
 * decodes first and numbers chars ({@link NumberedOutput}). Both must show the same thing, byte for byte, and
 * say the same about it, on any file: the second is the reference for the first.
 */
class ViewOverBytesTest extends EditToolCalls {

    /** Pieces the random files are made of: multi-byte chars, invalid and truncated sequences, controls, line breaks. */
    private static final byte[][] PIECES = {
            bytes("plain text "), bytes("\n"), bytes("\r\n"), bytes("\r"), bytes("\t"), bytes("\u001b[31m"), bytes("\u0000"),
            bytes("caf\u00e9"), bytes("\u4e2d\u6587"), bytes("\ud83d\ude00"), bytes("\ufffd"),
            {(byte) 0xE9}, {(byte) 0xE2, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};

    @Test
    void randomFilesAreShownAsTheDecodingPathShowsThem() throws Exception {
        Random random = new Random(7);
        for (int n = 0; n < 12; n++) {
            // sizes around the 64 KiB reads and 32 KiB chunks, so sequences and \r\n pairs fall across both
            int size = n < 4 ? random.nextInt(300) : 60_000 + random.nextInt(150_000);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(bytes("text first\n")); // no NUL in the first 8 KiB: it is text
            while (file.size() < size) {
                byte[] piece = PIECES[random.nextInt(PIECES.length)];
                if (piece[0] == 0 && file.size() < 9000) continue;
                file.writeBytes(random.nextInt(4) == 0 ? piece : bytes("abcdefghij".repeat(random.nextInt(20))));
            }
            Path path = Files.write(tmp.resolve("random-" + n + ".txt"), file.toByteArray());
            assertSameAsDecodingPath(path, null);
            assertSameAsDecodingPath(path, List.of(2, 5));
            assertSameAsDecodingPath(path, List.of(3, -1));
        }
    }

    @Test
    void edgeFilesAreShownAsTheDecodingPathShowsThem() throws Exception {
        byte[][] files = {
                bytes("no final newline"), bytes("ends with cr\r"), bytes("crlf\r\nlines\r\n"), bytes("mixed\r\nlf\nlone\rcr\n"),
                {'a', '\n', (byte) 0xE2, (byte) 0x82}, // ends inside a sequence
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'b', 'o', 'm', '\n', 'x'}, // UTF-8 with a BOM
                concat(bytes("x".repeat(65_535)), bytes("\r\nnext\n")), // \r the last byte of a read, \n the first of the next
                concat(bytes("y".repeat(65_534)), bytes("\u20ac\n")), // a 3-byte char across two reads
                concat(bytes("z".repeat(200_000)), bytes("\n")), // a line of several chunks
                // chunks of ASCII (handed on as bytes) and not: a euro sign split by the first chunk's end, then a
                // chunk holding é between ASCII ones
                concat(bytes("w".repeat(131_070)), bytes("\u20ac"), bytes("v".repeat(300_000)), bytes("\n")),
                concat(bytes("w".repeat(131_071)), new byte[] {(byte) 0xE2}, bytes("v".repeat(300_000)), bytes("\n")), // a lead left waiting, then ASCII
                concat(bytes("a line\n".repeat(30_000)), bytes("\u00e9\n"), bytes("b line\n".repeat(30_000))),
                bytes("\n\n\n"),
        };
        for (int i = 0; i < files.length; i++) {
            Path path = Files.write(tmp.resolve("edge-" + i + ".txt"), files[i]);
            assertSameAsDecodingPath(path, null);
            assertSameAsDecodingPath(path, List.of(1, 1));
        }
    }

    @Test
    void invalidBytesAreReplacedCountedAndSaidAsTheJdkDecoderSeesThem() throws Exception {
        byte[] content = concat(bytes("ok \r line\u001b[0m\n"), new byte[] {'b', 'a', 'd', (byte) 0xE9, ' ', (byte) 0xE2, (byte) 0x80, '\n'},
                bytes("a".repeat(9000) + "\u0000 nul\n"));
        Path file = Files.write(tmp.resolve("bad.txt"), content);
        EditCalls.Recorded view = assertOk(calls.call("command", "view", "path", file));
        String decoded = new String(content, StandardCharsets.UTF_8);
        assertThat(view.streamedText()).isEqualTo(Lines.numbered(decoded, 1, 3));
        assertThat(view.meta()).containsEntry("replacedBytes", 3L).containsEntry("totalLines", 3L);
        assertThat(view.text()).contains("3 bytes of this file are not valid UTF-8");
    }

    @Test
    void aCancelledViewStillHandsOnTheLinesItNumbered() throws Exception {
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) file.append("line ").append(i).append('\n'); // several reads' worth
        StringBuilder shown = new StringBuilder();
        int[] reads = {0};
        Utf8LineNumberer.Numbered numbered = new Utf8LineNumberer((text, utf8, offset, length, lineFeeds) -> shown.append(text)).number(
                Channels.newChannel(new ByteArrayInputStream(bytes(file.toString()))), 1, Long.MAX_VALUE,
                new Utf8LineNumberer.Progress() {
                    @Override
                    public void read(long bytesRead, long nextLine) {
                        reads[0]++;
                    }

                    @Override
                    public boolean cancelled() {
                        return reads[0] == 1; // cancelled once the first read is numbered
                    }
                });
        assertThat(numbered.cancelled()).isTrue();
        assertThat(numbered.lastLine()).isGreaterThan(1);
        assertThat(shown.toString()).startsWith("     1\tline 1\n")
                .contains(String.format("%6d\t", numbered.lastLine())) // the last numbered line was handed on too
                .doesNotContain(String.format("%6d\t", numbered.lastLine() + 1));
    }

    @Test
    void eachChunkSaysHowManyLineFeedsItsBytesHold() throws Exception {
        Random random = new Random(11);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        while (file.size() < 3 * Utf8LineNumberer.CHUNK_BYTES) {
            byte[] piece = PIECES[random.nextInt(PIECES.length)];
            boolean valid = Arrays.equals(bytes(new String(piece, StandardCharsets.UTF_8)), piece) && piece[0] != (byte) 0xEF;
            // valid UTF-8 (no U+FFFD either) until the last chunk, so most chunks come with their bytes
            if (piece[0] != 0 && (valid || file.size() > 2 * Utf8LineNumberer.CHUNK_BYTES)) {
                file.writeBytes(random.nextInt(3) == 0 ? piece : bytes("abcdefghij".repeat(random.nextInt(8))));
            }
        }
        long[] chunks = {0, 0};
        long[] feedsSeen = {0};
        new Utf8LineNumberer((text, utf8, offset, length, lineFeeds) -> {
            chunks[0]++;
            if (utf8 == null) {
                assertThat(lineFeeds).isEqualTo(-1);
                feedsSeen[0] += text.chars().filter(c -> c == '\n').count();
                return;
            }
            chunks[1]++;
            long counted = 0;
            for (int i = offset; i < offset + length; i++) if (utf8[i] == '\n') counted++;
            assertThat(lineFeeds).isEqualTo(counted);
            feedsSeen[0] += lineFeeds;
        }).number(Channels.newChannel(new ByteArrayInputStream(file.toByteArray())), 1, Long.MAX_VALUE, new Utf8LineNumberer.Progress() {
            @Override
            public void read(long bytesRead, long nextLine) {}

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        long fileFeeds = 0;
        for (byte b : file.toByteArray()) if (b == '\n') fileFeeds++;
        assertThat(chunks[0]).isGreaterThanOrEqualTo(3);
        assertThat(chunks[1]).as("chunks handed on with their bytes").isGreaterThanOrEqualTo(2);
        assertThat(feedsSeen[0]).isEqualTo(fileFeeds);
    }

    @Test
    void anUnfinishedSequenceAtTheEndOfAChunkWaitsForTheNext() {
        assertThat(Utf8LineNumberer.unfinishedSequenceLength(bytes("abc"), 3)).isZero();
        assertThat(Utf8LineNumberer.unfinishedSequenceLength(bytes("ab\u00e9"), 4)).isZero();
        assertThat(Utf8LineNumberer.unfinishedSequenceLength(bytes("ab\u00e9"), 3)).isEqualTo(1);
        assertThat(Utf8LineNumberer.unfinishedSequenceLength(bytes("a\u20ac"), 3)).isEqualTo(2);
        assertThat(Utf8LineNumberer.unfinishedSequenceLength(bytes("a\ud83d\ude00"), 4)).isEqualTo(3);
        assertThat(Utf8LineNumberer.unfinishedSequenceLength(bytes("a\ud83d\ude00"), 5)).isZero();
        assertThat(Utf8LineNumberer.unfinishedSequenceLength(new byte[] {'a', (byte) 0x80, (byte) 0x80, (byte) 0x80}, 4)).isZero();
    }

    private void assertSameAsDecodingPath(Path path, List<Integer> range) throws IOException {
        EditCalls.Recorded overBytes = range == null ? calls.call("command", "view", "path", path)
                : calls.call("command", "view", "path", path, "view_range", range);
        EditCalls.Recorded decoding = range == null ? calls.call("command", "view", "path", path, "max_characters", Integer.MAX_VALUE)
                : calls.call("command", "view", "path", path, "view_range", range, "max_characters", Integer.MAX_VALUE);
        String what = path.getFileName() + " " + range;
        assertThat(overBytes.isError()).as(what).isEqualTo(decoding.isError());
        assertThat(overBytes.streamedText()).as(what).isEqualTo(decoding.streamedText());
        if (range != null && range.get(1) != -1) {
            // a range that ends early: the decoding path counts invalid bytes it decoded ahead of the range's end
            // (not shown), numbering over bytes only those shown; the lines shown are the same
            assertThat(overBytes.meta().get("lastLine")).as(what).isEqualTo(decoding.meta().get("lastLine"));
            return;
        }
        assertThat(overBytes.text()).as(what).isEqualTo(decoding.text());
        assertThat(comparable(overBytes.meta())).as(what).isEqualTo(comparable(decoding.meta()));
        // neither path copies the view into the spool: the file is its full output
        assertThat(overBytes.meta()).as(what).doesNotContainKey("spoolPath");
        assertThat(decoding.meta()).as(what).doesNotContainKey("spoolPath");
    }

    private static Map<String, Object> comparable(Map<String, Object> meta) {
        Map<String, Object> kept = new LinkedHashMap<>(meta);
        kept.keySet().removeAll(List.of("spoolPath", "durationMs", "firstOutputMs"));
        return kept;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
