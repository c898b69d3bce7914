package dev.agentstream.core.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8StreamDecoderTest {

    private static String decodeInPieces(byte[] bytes, int... cuts) {
        Utf8StreamDecoder d = new Utf8StreamDecoder();
        StringBuilder sb = new StringBuilder();
        int prev = 0;
        for (int cut : cuts) {
            sb.append(d.decode(bytes, prev, cut - prev));
            prev = cut;
        }
        sb.append(d.decode(bytes, prev, bytes.length - prev));
        sb.append(d.finish());
        return sb.toString();
    }

    @Test
    void multibyteCharSplitAcrossChunksIsDecodedWhole() {
        String text = "aé€😀z"; // 1, 2, 3, 4-byte sequences
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(decodeInPieces(b, 2)).isEqualTo(text); // inside é
        assertThat(decodeInPieces(b, 4, 5)).isEqualTo(text); // inside €, twice
        assertThat(decodeInPieces(b, 7, 8, 9)).isEqualTo(text); // inside 😀, every byte apart
        int[] everyByte = new int[b.length - 1];
        for (int i = 0; i < everyByte.length; i++) everyByte[i] = i + 1;
        assertThat(decodeInPieces(b, everyByte)).isEqualTo(text);
    }

    @Test
    void chunkOfOnlyAPartialSequenceYieldsNothingYet() {
        Utf8StreamDecoder d = new Utf8StreamDecoder();
        byte[] b = "😀".getBytes(StandardCharsets.UTF_8);
        assertThat(d.decode(b, 0, 1)).isEmpty();
        assertThat(d.decode(b, 1, 1)).isEmpty();
        assertThat(d.decode(b, 2, 1)).isEmpty();
        assertThat(d.decode(b, 3, 1)).isEqualTo("😀");
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void invalidBytesBecomeReplacementChars() {
        byte[] b = {'a', (byte) 0xFF, 'b', (byte) 0xC3, 'c', (byte) 0x80, 'd', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        String s = decodeInPieces(b, 1, 2, 4);
        assertThat(s).startsWith("a\uFFFDb\uFFFDc\uFFFDd").doesNotContain("\u00C3");
        assertThat(s.substring(7)).matches("\uFFFD+"); // an encoded surrogate is invalid UTF-8
    }

    @Test
    void incompleteSequenceAtTheEndBecomesReplacementCharOnFinish() {
        Utf8StreamDecoder d = new Utf8StreamDecoder();
        byte[] b = {'o', 'k', (byte) 0xE2, (byte) 0x82};
        assertThat(d.decode(b, 0, b.length)).isEqualTo("ok");
        assertThat(d.finish()).isEqualTo("\uFFFD");
        // reusable after finish
        assertThat(d.decode("again".getBytes(StandardCharsets.UTF_8), 0, 5)).isEqualTo("again");
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void neverThrowsOnRandomBytes() {
        Random rnd = new Random(42);
        Utf8StreamDecoder d = new Utf8StreamDecoder();
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[rnd.nextInt(300)];
            rnd.nextBytes(b);
            int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
            d.decode(b, off, b.length - off);
        }
        d.finish();
    }

    @Test
    void randomSplitsOfValidTextRoundTrip() {
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder();
        String[] pieces = {"a", "ß", "€", "😀", "\n", "日本語", "x"};
        for (int i = 0; i < 5000; i++) sb.append(pieces[rnd.nextInt(pieces.length)]);
        String text = sb.toString();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Utf8StreamDecoder d = new Utf8StreamDecoder();
        StringBuilder out = new StringBuilder();
        for (int off = 0; off < b.length; ) {
            int len = Math.min(b.length - off, 1 + rnd.nextInt(17));
            out.append(d.decode(b, off, len));
            off += len;
        }
        out.append(d.finish());
        assertThat(out.toString()).isEqualTo(text);
    }
}
