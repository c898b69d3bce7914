package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AsciiIgnoreCaseMatcherTest {

    /** Every match, overlapping ones too, as a plain scan with String.regionMatches finds them. */
    private static List<Integer> reference(String text, String needle) {
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s + needle.length() <= text.length(); s++) {
            if (text.regionMatches(true, s, needle, 0, needle.length())) starts.add(s);
        }
        return starts;
    }

    private static List<Integer> found(ChunkText chunk, String needle) {
        AsciiIgnoreCaseMatcher matcher = new AsciiIgnoreCaseMatcher(needle);
        List<Integer> starts = new ArrayList<>();
        for (int at = matcher.find(chunk, 0); at >= 0; at = matcher.find(chunk, at + 1)) starts.add(at);
        return starts;
    }

    @Test
    void findsEveryMatchAPlainCaseInsensitiveScanFinds() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "abcABC xyzXYZ-_1\né";
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 400; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            ChunkText chunk = ChunkText.bytesAsChars(bytes, bytes.length);
            for (String needle : List.of("a", "Z", " ", "ab", "aB", "c a", "xyz", "-_1", "abcabc", "Bc-", "1")) {
                assertThat(found(chunk, needle)).as("%s in %s", needle, text).isEqualTo(reference(chunk.text(), needle));
            }
        }
    }

    @Test
    void aMatchAtTheVeryStartOrEndIsFound() {
        byte[] bytes = "Connection Reset\nno\nconnection RESET".getBytes(StandardCharsets.UTF_8);
        ChunkText chunk = ChunkText.bytesAsChars(bytes, bytes.length);
        assertThat(found(chunk, "connection reset")).containsExactly(0, 20);
    }
}
