package dev.agentstream.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelViewTest {

    private static final String E = "\u001b";
    private static final String UNSPOOLED_SOURCE = "to read them, see the note at the end";
    private static final Pattern MARKER = Pattern.compile("\\[\\.\\.\\. (.+) omitted; full output: (.+) \\.\\.\\.]\n");

    @TempDir
    Path tmp;

    private ModelView view(int budget) throws IOException {
        return new ModelView(new ModelViewConfig(budget), tmp.resolve("calls").resolve("c1.log"));
    }

    private static String renderOf(ModelView v, String... appends) {
        for (String s : appends) v.append(s);
        return v.render();
    }

    @Test
    void defaultsAndValidation() {
        assertThat(ModelViewConfig.defaults().budgetChars()).isEqualTo(ModelViewConfig.DEFAULT_BUDGET).isEqualTo(30_000);
        assertThatThrownBy(() -> new ModelViewConfig(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileContentKeepsEveryControlCharacterAndStillKeepsHeadAndTailWithinTheBudget() throws IOException {
        String content = "p 10%\rp 100%\n" + E + "[31mred" + E + "[0m\b\u0000\u0007 \r\n";
        try (ModelView v = new ModelView(new ModelViewConfig(1000), tmp.resolve("f.log"), OutputKind.FILE_CONTENT)) {
            assertThat(renderOf(v, content.substring(0, 9), content.substring(9))).isEqualTo(content);
            assertThat(v.kind()).isEqualTo(OutputKind.FILE_CONTENT);
            assertThat(v.bytes()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
            assertThat(v.lines()).isEqualTo(2);
        }
        try (ModelView v = new ModelView(new ModelViewConfig(100), tmp.resolve("g.log"), OutputKind.FILE_CONTENT)) {
            for (int i = 0; i < 100; i++) v.append("line " + i + "\r" + E + "\n");
            String rendered = v.render();
            assertThat(rendered).startsWith("line 0\r" + E + "\n").endsWith("line 99\r" + E + "\n");
            assertThat(MARKER.matcher(rendered).find()).isTrue();
            assertThat(v.truncated()).isTrue();
        }
    }

    @Test
    void outputHiddenByAControlStringThatNeverEndsIsReportedNotSilentlyLost() throws IOException {
        try (ModelView v = view(1000)) {
            String rendered = renderOf(v, "before\n" + E + "]", "x".repeat(5000), "\nlost line\n");
            assertThat(rendered).startsWith("before\n")
                    .contains("[5,011 characters of output were hidden inside a terminal control string (ESC ]) that did not end")
                    .contains(tmp.resolve("calls").resolve("c1.log").toAbsolutePath().toString())
                    .doesNotContain("lost line");
        }
        try (ModelView v = view(1000)) {
            String rendered = renderOf(v, E + "P", "y".repeat(AnsiStripper.MAX_STRING), "visible again\n");
            assertThat(rendered).startsWith("visible again\n")
                    .contains("[1,048,576 characters of output were hidden inside a terminal control string (ESC P)");
        }
    }

    @Test
    void shortOrClosedControlStringsNeedNoNote() throws IOException {
        try (ModelView v = view(1000)) {
            assertThat(renderOf(v, E + "]0;a window title" + "\u0007shown\n", E + "]8;;http://x")).isEqualTo("shown\n");
        }
    }

    @Test
    void stripsAnsiIncludingSequencesSplitAcrossAppends() throws IOException {
        try (ModelView v = view(1000)) {
            assertThat(renderOf(v, E + "[3", "1mred" + E, "[0m ok " + E + "]0;ti", "tle\u0007done" + E + "]8;;u" + E,
                    "\\link\n")).isEqualTo("red ok donelink\n");
        }
    }

    @Test
    void collapsesCarriageReturnsIncludingAcrossAppends() throws IOException {
        try (ModelView v = view(1000)) {
            assertThat(renderOf(v, "line one\r", "\nline two\r\n")).isEqualTo("line one\nline two\n");
        }
        try (ModelView v = view(1000)) {
            assertThat(renderOf(v, "10%\r50%\r100%\n")).isEqualTo("100%\n");
        }
        try (ModelView v = view(1000)) {
            // the \r at the end of one append is resolved by the next: overwrite, not newline
            assertThat(renderOf(v, "Downloading 10%\r", "Downloading 55%\r", E + "[2KDownloading 100%\r", "\nok\n"))
                    .isEqualTo("Downloading 100%\nok\n");
            assertThat(v.lines()).isEqualTo(2);
        }
        try (ModelView v = view(1000)) {
            assertThat(renderOf(v, "abc\b", "\bX yz\b\n")).isEqualTo("aX y\n");
        }
    }

    @Test
    void pendingCarriageReturnKeepsTheLineUntilSomethingOverwritesIt() throws IOException {
        try (ModelView v = view(1000)) {
            v.append("progress 40%\r");
            assertThat(v.render()).isEqualTo("progress 40%");
            assertThat(v.lines()).isEqualTo(1);
            v.append("progress 80%\r");
            assertThat(v.render()).isEqualTo("progress 80%");
        }
    }

    @Test
    void noMarkerWhenEverythingFits() throws IOException {
        try (ModelView v = view(100)) {
            String text = "x".repeat(49) + "\n" + "y".repeat(50); // exactly the budget
            assertThat(renderOf(v, text)).isEqualTo(text);
            assertThat(v.truncated()).isFalse();
            assertThat(v.omittedLines()).isZero();
            assertThat(v.omittedChars()).isZero();
            assertThat(v.lines()).isEqualTo(2);
        }
    }

    @Test
    void truncatesToHeadMarkerTailAtLineBoundaries() throws IOException {
        int budget = 1000;
        int total = 1000;
        Path spool;
        String rendered;
        try (ModelView v = view(budget)) {
            spool = v.spoolPath();
            for (int i = 0; i < total; i++) v.append(E + "[32m" + String.format("line %05d", i) + E + "[0m\n");
            rendered = v.render();

            assertThat(v.truncated()).isTrue();
            assertThat(v.lines()).isEqualTo(total);
            assertThat(rendered.length()).isLessThanOrEqualTo(budget + 300);
            assertThat(rendered.length()).isGreaterThan(budget * 8 / 10);

            Matcher m = MARKER.matcher(rendered);
            assertThat(m.find()).isTrue();
            assertThat(m.group(2)).isEqualTo(spool.toString());
            String head = rendered.substring(0, m.start());
            String tail = rendered.substring(m.end());
            assertThat(head).startsWith("line 00000\n").endsWith("\n");
            assertThat(tail).endsWith("line 00999\n");
            assertThat(head.split("\n")).allMatch(l -> l.matches("line \\d{5}"));
            assertThat(tail.split("\n")).allMatch(l -> l.matches("line \\d{5}"));

            long headLines = head.chars().filter(c -> c == '\n').count();
            long tailLines = tail.chars().filter(c -> c == '\n').count();
            long omitted = total - headLines - tailLines;
            assertThat(v.omittedLines()).isEqualTo(omitted);
            assertThat(v.omittedChars()).isEqualTo(total * 11L - head.length() - tail.length());
            assertThat(v.omittedChars()).isEqualTo(omitted * 11);
            // the omitted lines are exactly the ones between head and tail
            assertThat(tail).startsWith(String.format("line %05d\n", headLines + omitted));
            assertThat(m.group(1)).isEqualTo(String.format(Locale.ROOT, "%,d lines (%s)", omitted,
                    ModelView.humanSize(omitted * 11)));
            assertThat(head.length()).isBetween(budget / 2 - 11, budget / 2);
        }
        // the spool has the raw output, escapes and all
        String raw = Files.readString(spool);
        assertThat(raw).startsWith(E + "[32mline 00000" + E + "[0m\n").contains("line 00500");
        assertThat(raw.length()).isEqualTo(total * 20);
    }

    @Test
    void renderMidStreamThenMoreAppends() throws IOException {
        try (ModelView v = view(200)) {
            v.append("first line\nsecond li");
            assertThat(v.render()).isEqualTo("first line\nsecond li");
            assertThat(v.lines()).isEqualTo(2);
            v.append("ne\n");
            assertThat(v.render()).isEqualTo("first line\nsecond line\n");

            // an uncommitted partial line alone can push it over the budget
            v.append("z".repeat(300));
            String mid = v.render();
            assertThat(v.truncated()).isTrue();
            assertThat(mid).startsWith("first line\nsecond line\n").contains("of one line omitted").endsWith("zzz");
            // ... and overwriting it with \r brings it back under
            v.append("\rshort\n");
            assertThat(v.render()).isEqualTo("first line\nsecond line\nshort\n");
            assertThat(v.truncated()).isFalse();

            for (int i = 0; i < 100; i++) v.append("more " + i + "\n");
            String later = v.render();
            assertThat(later).startsWith("first line\nsecond line\nshort\n").endsWith("more 99\n").contains("omitted");
            v.append("tail end");
            assertThat(v.render()).startsWith(later.substring(0, 30)).endsWith("more 99\ntail end");
            assertThat(v.lines()).isEqualTo(104);
        }
    }

    @Test
    void renderAndCountersWorkAfterClose() throws IOException {
        ModelView v = view(1000);
        v.append("héllo wörld 😀\n");
        v.close();
        v.close();
        assertThat(v.render()).isEqualTo("héllo wörld 😀\n");
        assertThat(v.bytes()).isEqualTo("héllo wörld 😀\n".getBytes(StandardCharsets.UTF_8).length);
        assertThat(Files.size(v.spoolPath())).isEqualTo(v.bytes());
        assertThatThrownBy(() -> v.append("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void flushMakesSpoolReadableMidStream() throws IOException {
        try (ModelView v = view(1000)) {
            v.append("abc\r\n" + E + "[1mdéf");
            v.flush();
            assertThat(Files.readString(v.spoolPath())).isEqualTo("abc\r\n" + E + "[1mdéf");
            assertThat(v.bytes()).isEqualTo(Files.size(v.spoolPath()));
        }
    }

    @Test
    void streamingCleanMatchesWholeTextCleanForRandomSplits() throws IOException {
        Random rnd = new Random(1234);
        String[] tokens = {"a", "bc", " ", "\n", "\r", "\r\n", "\b", "\t", E + "[1;32m", E + "[0m", E + "[2K",
                E + "]0;title\u0007", E + "]8;;http://x" + E + "\\", E + "(B", E + "7", "é", "😀", "\u0000", "12%"};
        for (int round = 0; round < 50; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 400; i++) sb.append(tokens[rnd.nextInt(tokens.length)]);
            String raw = sb.toString();
            String expected = TerminalText.collapseCarriageReturns(TerminalText.stripAnsi(raw));
            try (ModelView v = new ModelView(new ModelViewConfig(100_000), tmp.resolve("r" + round + ".log"))) {
                for (int off = 0; off < raw.length(); ) {
                    int len = Math.min(raw.length() - off, 1 + rnd.nextInt(12));
                    v.append(raw.substring(off, off + len));
                    off += len;
                }
                assertThat(v.render()).isEqualTo(expected);
                assertThat(v.bytes()).isEqualTo(raw.getBytes(StandardCharsets.UTF_8).length);
                v.flush();
                assertThat(Files.readString(v.spoolPath())).isEqualTo(raw);
            }
        }
    }

    @Test
    void fileContentGivesTheSameViewAndSpoolHoweverItIsSplitIntoAppends() throws IOException {
        Random rnd = new Random(99);
        String[] allTokens = {"a", "bc", " ", "\n", "\r", "\r\n", "\t", E + "[1m", "é", "😀", "\u0000", "x".repeat(300), "?", "\ud83d", "\ude00"};
        // in half the rounds, long pieces are ASCII as well, so ASCII bytes reach the view once only its tail is kept
        String[] asciiTokens = {"a", "bc", " ", "\n", "\r", "\r\n", "\t", E + "[1m", "\u0000", "x".repeat(300), "?"};
        for (int round = 0; round < 40; round++) {
            String[] tokens = round % 4 < 2 ? allTokens : asciiTokens;
            int budget = round % 2 == 0 ? 500 : 30_000;
            StringBuilder sb = new StringBuilder();
            for (int i = 0, n = round % 2 == 0 ? 3000 : 40_000; i < n; i++) sb.append(tokens[rnd.nextInt(tokens.length)]);
            String raw = sb.append('.').toString(); // not ending in a lone high surrogate, which the spool writes as '?'
            // the reference: one append, which goes through the view char by char; then the same text in pieces
            // of a few chars (line by line) and of thousands (whole lines at once), a surrogate pair split at times,
            // given as text and, where they are its encoding, as UTF-8 bytes
            try (ModelView whole = fileView(budget, "w" + round);
                 ModelView pieces = fileView(budget, "p" + round);
                 ModelView withBytes = fileView(budget, "b" + round);
                 ModelView asciiAsBytes = fileView(budget, "a" + round);
                 ModelView unspooled = fileView(budget, "u" + round)) {
                unspooled.withoutSpool(UNSPOOLED_SOURCE);
                whole.append(raw);
                for (int off = 0; off < raw.length(); ) {
                    int len = Math.min(raw.length() - off, rnd.nextBoolean() ? 1 + rnd.nextInt(12) : 1 + rnd.nextInt(9000));
                    String piece = raw.substring(off, off + len);
                    pieces.append(piece);
                    if (hasLoneSurrogate(piece)) {
                        withBytes.append(piece);
                        asciiAsBytes.append(piece);
                        unspooled.append(piece);
                    } else {
                        byte[] utf8 = ("<>" + piece + "<>").getBytes(StandardCharsets.UTF_8);
                        withBytes.append(piece, utf8, 2, utf8.length - 4);
                        // ASCII pieces as their bytes alone, the line feeds counted by the caller or not
                        boolean ascii = piece.chars().allMatch(c -> c < 0x80);
                        long lineFeeds = rnd.nextBoolean() ? -1 : piece.chars().filter(c -> c == '\n').count();
                        ModelView byBytes = rnd.nextBoolean() ? asciiAsBytes : unspooled;
                        ModelView other = byBytes == asciiAsBytes ? unspooled : asciiAsBytes;
                        if (ascii) byBytes.appendAscii(utf8, 2, utf8.length - 4, lineFeeds);
                        else byBytes.append(piece, utf8, 2, utf8.length - 4, lineFeeds);
                        if (rnd.nextBoolean()) other.append(piece);
                        else other.append(piece, utf8, 2, utf8.length - 4, lineFeeds);
                    }
                    off += len;
                }
                for (ModelView v : new ModelView[] {pieces, withBytes, asciiAsBytes}) {
                    assertThat(v.render()).isEqualTo(whole.render().replace(whole.spoolPath().toString(), v.spoolPath().toString()));
                    assertThat(v.omittedLines()).isEqualTo(whole.omittedLines());
                    assertThat(v.omittedChars()).isEqualTo(whole.omittedChars());
                    assertThat(v.truncated()).isEqualTo(whole.truncated());
                    assertThat(v.lines()).isEqualTo(whole.lines()).isEqualTo(raw.split("\n", -1).length - (raw.endsWith("\n") ? 1 : 0));
                    assertThat(v.bytes()).isEqualTo(whole.bytes()).isEqualTo(raw.getBytes(StandardCharsets.UTF_8).length);
                    v.close();
                    assertThat(Files.readAllBytes(v.spoolPath())).isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
                }
                // kept nowhere, and otherwise the same view: the marker names the given source instead of a file
                assertThat(unspooled.render()).isEqualTo(whole.render().replace("full output: " + whole.spoolPath(), UNSPOOLED_SOURCE));
                assertThat(unspooled.render().contains(UNSPOOLED_SOURCE + " ...]\n")).isEqualTo(whole.truncated());
                assertThat(unspooled.omittedLines()).isEqualTo(whole.omittedLines());
                assertThat(unspooled.omittedChars()).isEqualTo(whole.omittedChars());
                assertThat(unspooled.lines()).isEqualTo(whole.lines());
                assertThat(unspooled.bytes()).isEqualTo(whole.bytes());
                unspooled.close();
                assertThat(unspooled.hasSpool()).isFalse();
                assertThat(unspooled.spoolPath()).doesNotExist();
            }
        }
    }

    private ModelView fileView(int budget, String name) throws IOException {
        return new ModelView(new ModelViewConfig(budget), tmp.resolve(name + ".log"), OutputKind.FILE_CONTENT);
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return true;
        }
        return false;
    }

    @Test
    void bytesAreFoundAndCountedEightAtATimeAsOneAtATime() {
        Random rnd = new Random(5);
        for (int round = 0; round < 500; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (rnd.nextInt(3) == 0 ? '\n' : rnd.nextInt(256));
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int to = from + (b.length == from ? 0 : rnd.nextInt(b.length - from + 1));
            byte value = rnd.nextBoolean() ? (byte) '\n' : b.length == 0 ? 0 : b[rnd.nextInt(b.length)];
            long expected = 0;
            int first = -1;
            for (int i = from; i < to; i++) {
                if (b[i] != value) continue;
                expected++;
                if (first < 0) first = i;
            }
            assertThat(ByteScan.count(b, from, to, value)).isEqualTo(expected);
            assertThat(ByteScan.indexOf(b, from, to, value)).isEqualTo(first);
        }
    }

    @Test
    void aByteOrTheFirstNonAsciiOneIsFoundEightAtATimeAsOneAtATime() {
        Random rnd = new Random(8);
        for (int round = 0; round < 1000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (rnd.nextInt(8) == 0 ? '\n' : rnd.nextInt(0x80));
            for (int k = rnd.nextInt(3); k > 0 && b.length > 0; k--) b[rnd.nextInt(b.length)] = (byte) (0x80 + rnd.nextInt(0x80));
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int to = from + (b.length == from ? 0 : rnd.nextInt(b.length - from + 1));
            int expected = -1;
            for (int i = from; i < to && expected < 0; i++) {
                if (b[i] == '\n' || b[i] < 0) expected = i;
            }
            assertThat(ByteScan.indexOfOrNonAscii(b, from, to, (byte) '\n')).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void hugeOutputKeepsRetainedStateSmall() throws IOException {
        int budget = ModelViewConfig.DEFAULT_BUDGET;
        StringBuilder chunk = new StringBuilder(64 * 1024);
        int n = 0;
        while (chunk.length() < 64 * 1024 - 100) {
            chunk.append(E).append("[36m").append("row ").append(n++).append(E).append("[0m").append(" payload payload\r\n");
        }
        chunk.append("x".repeat(64 * 1024 - chunk.length() - 1)).append('\n');
        String c = chunk.toString();
        assertThat(c).hasSize(64 * 1024);
        long newlinesPerChunk = c.chars().filter(ch -> ch == '\n').count();
        int chunks = 200 * 1024 * 1024 / c.length(); // 200 MiB
        long maxRetained = 0;
        try (ModelView v = view(budget)) {
            for (int i = 0; i < chunks; i++) {
                v.append(c);
                if (i % 256 == 0) {
                    maxRetained = Math.max(maxRetained, v.retainedChars());
                    assertThat(v.render().length()).isLessThanOrEqualTo(budget + 300);
                }
            }
            String r = v.render();
            assertThat(r.length()).isLessThanOrEqualTo(budget + 300).isGreaterThan(budget / 2);
            assertThat(r).startsWith("row 0 payload payload\nrow 1 payload").endsWith("x\n").contains("omitted; full output: " + v.spoolPath());
            assertThat(v.bytes()).isEqualTo((long) chunks * c.length());
            assertThat(v.lines()).isEqualTo(chunks * newlinesPerChunk);
            assertThat(v.omittedLines()).isGreaterThan(chunks * newlinesPerChunk - 2000);
            maxRetained = Math.max(maxRetained, v.retainedChars());
            assertThat(maxRetained).isLessThan(8L * budget);
            v.close();
            assertThat(Files.size(v.spoolPath())).isEqualTo((long) chunks * c.length());
        }
    }

    @Test
    void fiftyMegabyteSingleLineWithoutNewline() throws IOException {
        int budget = 10_000;
        String chunk = "abcdefgh".repeat(8 * 1024); // 64 KiB
        int chunks = 50 * 1024 * 1024 / chunk.length();
        long total = (long) chunks * chunk.length();
        try (ModelView v = view(budget)) {
            long maxRetained = 0;
            for (int i = 0; i < chunks; i++) {
                v.append(chunk);
                if (i % 64 == 0) maxRetained = Math.max(maxRetained, v.retainedChars());
            }
            assertThat(maxRetained).isLessThan(10L * budget);
            String r = v.render();
            assertThat(r.length()).isLessThanOrEqualTo(budget + 300);
            assertThat(r).startsWith("abcdefgh").contains("of one line omitted");
            assertThat(v.lines()).isEqualTo(1);
            assertThat(v.omittedLines()).isZero();
            Matcher m = MARKER.matcher(r);
            assertThat(m.find()).isTrue();
            long shown = r.length() - (m.end() - m.start()) - 1; // the marker needs a newline before it
            assertThat(v.omittedChars()).isEqualTo(total - shown);
            assertThat(v.bytes()).isEqualTo(total);
            v.close();
            assertThat(Files.size(v.spoolPath())).isEqualTo(total);
        }
    }

    @Test
    void outputKeptInNoSpoolMustBeDeclaredBeforeAnyIsSpooled() throws IOException {
        try (ModelView spooled = fileView(100, "s")) {
            spooled.append("already in the spool\n");
            assertThatThrownBy(() -> spooled.withoutSpool(UNSPOOLED_SOURCE)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(spooled.spoolPath().toString());
            assertThat(spooled.hasSpool()).isTrue();
        }
        try (ModelView unspooled = fileView(100, "n")) {
            unspooled.withoutSpool(UNSPOOLED_SOURCE);
            for (int i = 0; i < 100; i++) unspooled.append("line " + i + "\n");
            Matcher m = Pattern.compile("\\[\\.\\.\\. (.+) omitted; " + Pattern.quote(UNSPOOLED_SOURCE) + " \\.\\.\\.]\n").matcher(unspooled.render());
            assertThat(m.find()).as(unspooled.render()).isTrue();
            assertThat(m.group(1)).endsWith(" lines (" + ModelView.humanSize(unspooled.omittedChars()) + ")");
            unspooled.flush();
            assertThat(unspooled.spoolPath()).doesNotExist();
        }
    }

    @Test
    void theOmittedLineSpanNamesEveryLineTheRenderedViewDoesNotShowWhole() throws IOException {
        Random rnd = new Random(7);
        for (int round = 0; round < 60; round++) {
            // numbered lines, some of them longer than the whole budget, so head and tail may start or end inside one
            StringBuilder sb = new StringBuilder();
            int count = 1 + rnd.nextInt(400);
            for (int i = 1; i <= count; i++) {
                sb.append('L').append(i).append(':').append("x".repeat(rnd.nextInt(10) == 0 ? 800 + rnd.nextInt(3000) : rnd.nextInt(60)));
                if (i < count || rnd.nextBoolean()) sb.append('\n');
            }
            String raw = sb.toString();
            List<String> lines = List.of(raw.split("(?<=\n)"));
            try (ModelView v = fileView(1000 + rnd.nextInt(2000), "span" + round)) {
                v.withoutSpool(UNSPOOLED_SOURCE);
                v.append(raw);
                String rendered = v.render();
                if (!v.truncated()) {
                    assertThat(v.omittedLineSpan()).isEmpty();
                    continue;
                }
                ModelView.LineSpan span = v.omittedLineSpan().orElseThrow();
                Matcher marker = Pattern.compile("\\[\\.\\.\\. .+ omitted; " + Pattern.quote(UNSPOOLED_SOURCE) + " \\.\\.\\.]\n").matcher(rendered);
                assertThat(marker.find()).isTrue();
                String head = rendered.substring(0, marker.start());
                String tail = rendered.substring(marker.end());
                String before = String.join("", lines.subList(0, (int) span.first() - 1));
                String after = String.join("", lines.subList((int) span.last(), lines.size()));
                String what = "round " + round + " span " + span;
                // the lines before the span are in the head, whole, and the head holds at most a part of the span's first one
                // (and the line break the marker line needs after a part)
                assertThat(head).as(what).startsWith(before);
                assertThat(head.length() - before.length()).as(what).isLessThanOrEqualTo(lines.get((int) span.first() - 1).length());
                // the same for the tail, from the end
                assertThat(tail).as(what).endsWith(after);
                assertThat(tail.length() - after.length()).as(what).isLessThan(lines.get((int) span.last() - 1).length());
                assertThat(span.last() - span.first() + 1).as(what).isBetween(v.omittedLines(), v.omittedLines() + 1);
            }
        }
    }

    @Test
    void endlessProgressBarWithoutNewlineStaysOneLine() throws IOException {
        try (ModelView v = view(1000)) {
            for (int i = 0; i <= 100_000; i++) v.append("\rprogress " + i);
            assertThat(v.render()).isEqualTo("progress 100000");
            assertThat(v.truncated()).isFalse();
            assertThat(v.retainedChars()).isLessThan(40_000);
        }
    }

    @Test
    void longSpoolPathShrinksTheTailSoTheMarkerFitsTheAllowance() throws IOException {
        Path deep = tmp.resolve("d".repeat(120)).resolve("e".repeat(120)).resolve("c1.log");
        try (ModelView v = new ModelView(new ModelViewConfig(2000), deep)) {
            for (int i = 0; i < 1000; i++) v.append("line " + i + "\n");
            String r = v.render();
            assertThat(r).contains("full output: " + deep + " ...]");
            assertThat(r.length()).isLessThanOrEqualTo(2000 + 300);
            assertThat(Files.exists(deep)).isTrue();
        }
    }

    @Test
    void tinyBudgetStillWorks() throws IOException {
        try (ModelView v = view(1)) {
            v.append("a");
            assertThat(v.render()).isEqualTo("a");
            v.append("b\nc\n");
            assertThat(v.render()).contains("omitted");
            assertThat(v.omittedChars()).isBetween(2L, 4L);
        }
    }
}
