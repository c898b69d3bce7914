package dev.agentstream.tools.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The literal search anchored on rare bytes against a plain scan of every position. */
class LiteralMatcherTest {

    /** Every match, overlapping ones too, as a plain scan with String.regionMatches over the bytes one char each finds them. */
    private static List<Integer> reference(byte[] bytes, String needle, boolean ignoreCase) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String needleBytes = new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s + needleBytes.length() <= text.length(); s++) {
            if (text.regionMatches(ignoreCase, s, needleBytes, 0, needleBytes.length())) starts.add(s);
        }
        return starts;
    }

    private static List<Integer> found(byte[] bytes, String needle, boolean ignoreCase) {
        LiteralMatcher matcher = new LiteralMatcher(needle, ignoreCase);
        ChunkText chunk = ChunkText.rawBytes(bytes, bytes.length);
        List<Integer> starts = new ArrayList<>();
        for (int at = matcher.find(chunk, 0); at >= 0; at = matcher.find(chunk, at + 1)) starts.add(at);
        return starts;
    }

    private static byte[] randomText(SplittableRandom random, String alphabet, int chars) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chars; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsEveryMatchAPlainCaseInsensitiveScanFinds() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "abcABC xyzXYZ-_1\né@`[{";
        for (int round = 0; round < 300; round++) {
            byte[] bytes = randomText(random, alphabet, random.nextInt(1, 400));
            for (String needle : List.of("a", "Z", " ", "ab", "aB", "c a", "xyz", "-_1", "abcabc", "Bc-", "1", "@", "`a", "[z{")) {
                assertThat(found(bytes, needle, true)).as("%s in %s", needle, new String(bytes, StandardCharsets.UTF_8))
                        .isEqualTo(reference(bytes, needle, true));
            }
        }
    }

    @Test
    void findsEveryMatchAPlainCaseSensitiveScanFinds() {
        SplittableRandom random = new SplittableRandom(11);
        String alphabet = "aabE VINe\nqé€😀\t_";
        List<String> needles = List.of("a", "E", "EINVAL", "aa", "aab", "VIN", "e\n", "é", "€😀", "😀", "_a", "\tq", "aabE VINe");
        for (int round = 0; round < 300; round++) {
            byte[] bytes = randomText(random, alphabet, random.nextInt(1, 500));
            for (String needle : needles) {
                assertThat(found(bytes, needle, false)).as("%s in %s", needle, new String(bytes, StandardCharsets.UTF_8))
                        .isEqualTo(reference(bytes, needle, false));
            }
            // a needle cut out of the text itself, so long needles match too
            String text = new String(bytes, StandardCharsets.UTF_8);
            int from = random.nextInt(text.length());
            String cut = text.substring(from, Math.min(text.length(), from + 1 + random.nextInt(40)));
            assertThat(found(bytes, cut, false)).as("%s in %s", cut, text).isEqualTo(reference(bytes, cut, false));
        }
    }

    @Test
    void aMatchOnlyCountsWithinTheSearchedLength() {
        byte[] bytes = "xx EINVAL EINVAL".getBytes(StandardCharsets.UTF_8);
        ChunkText shorter = ChunkText.rawBytes(bytes, 15); // the second EINVAL is cut off
        assertThat(new LiteralMatcher("EINVAL", false).find(shorter, 0)).isEqualTo(3);
        assertThat(new LiteralMatcher("EINVAL", false).find(shorter, 4)).isEqualTo(-1);
    }

    @Test
    void aMatchAtTheVeryStartOrEndIsFound() {
        byte[] bytes = "Connection Reset\nno\nconnection RESET".getBytes(StandardCharsets.UTF_8);
        assertThat(found(bytes, "connection reset", true)).containsExactly(0, 20);
        assertThat(found(bytes, "RESET", false)).containsExactly(31);
    }

    @Test
    void runsOfCommonBytesTestedTwoBytesAWordFindWhatAPlainScanFinds() {
        // needles of common letters and spaces, tested two bytes a word, over text made of the same bytes so
        // that nearly every word holds a candidate; and needles with a rare byte, tested on it alone, for contrast
        List<String> common = List.of("connection reset", "struct ", "_ops", "on", "e t", "tion", "nnection r");
        List<String> rare = List.of("needle_7f3a", "EINVAL", "invalid argument", "x_ops");
        for (String needle : common) assertThat(new AnchoredLiteral(needle.getBytes(StandardCharsets.UTF_8), true).testsBothBytes()).as(needle).isTrue();
        for (String needle : rare) assertThat(new AnchoredLiteral(needle.getBytes(StandardCharsets.UTF_8), true).testsBothBytes()).as(needle).isFalse();
        SplittableRandom random = new SplittableRandom(13);
        String alphabet = "conecTIONRS _tps\nrEé";
        for (int round = 0; round < 300; round++) {
            byte[] bytes = randomText(random, alphabet, random.nextInt(1, 700));
            String text = new String(bytes, StandardCharsets.UTF_8);
            int at = random.nextInt(text.length() + 1);
            String needle = (round % 2 == 0 ? common : rare).get(random.nextInt(4));
            // an occurrence somewhere, in a case of its own, so every needle is found at least once
            byte[] planted = (text.substring(0, at) + (random.nextBoolean() ? needle.toUpperCase(java.util.Locale.ROOT) : needle)
                    + text.substring(at)).getBytes(StandardCharsets.UTF_8);
            for (boolean ignoreCase : new boolean[] {true, false}) {
                for (String n : List.of(needle, common.get(round % common.size()))) {
                    assertThat(found(planted, n, ignoreCase)).as("%s in %s", n, new String(planted, StandardCharsets.UTF_8))
                            .isEqualTo(reference(planted, n, ignoreCase));
                }
            }
        }
    }

    @Test
    void anOccurrenceCutOffByTheSearchedLengthIsNotFoundInEitherScan() {
        for (String needle : List.of("connection reset", "needle_7f3a")) {
            byte[] bytes = ("x".repeat(37) + needle + "y".repeat(40)).getBytes(StandardCharsets.UTF_8);
            AnchoredLiteral literal = new AnchoredLiteral(needle.getBytes(StandardCharsets.UTF_8), false);
            for (int to = 0; to <= bytes.length; to++) {
                int expected = to >= 37 + needle.length() ? 37 : -1;
                assertThat(literal.find(bytes, 0, to)).as("%s by %d", needle, to).isEqualTo(expected);
            }
        }
    }
}
