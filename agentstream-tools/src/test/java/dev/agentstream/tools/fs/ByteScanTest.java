package dev.agentstream.tools.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time scans against plain loops, on random bytes and every range of them. */
class ByteScanTest {

    @Test
    void scansFindWhatAPlainLoopFinds() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] alphabet = {'\n', 'a', 0, (byte) 0x8A, (byte) 0xFF, 0x7F, (byte) 0x80, 1};
        for (int round = 0; round < 100; round++) {
            byte[] bytes = new byte[random.nextInt(0, 70)];
            for (int i = 0; i < bytes.length; i++) bytes[i] = alphabet[random.nextInt(random.nextBoolean() ? 2 : alphabet.length)];
            for (int from = 0; from <= bytes.length; from++) {
                for (int to = from; to <= bytes.length; to++) {
                    for (byte b : alphabet) {
                        int[] scanned = {ByteScan.indexOf(bytes, from, to, b), ByteScan.lastIndexOf(bytes, from, to, b), ByteScan.count(bytes, from, to, b)};
                        int[] plain = {plainIndexOf(bytes, from, to, b), plainLastIndexOf(bytes, from, to, b), plainCount(bytes, from, to, b)};
                        if (!Arrays.equals(scanned, plain)) {
                            assertThat(scanned).as("index, last index, count of %d in [%d, %d) of %s", b, from, to, Arrays.toString(bytes))
                                    .containsExactly(plain);
                        }
                    }
                }
            }
        }
    }

    @Test
    void zeroByteFlagsHoldEveryZeroByteAndAreEmptyOnlyWithoutOne() {
        SplittableRandom random = new SplittableRandom(5);
        byte[] alphabet = {0, 1, (byte) 0x80, (byte) 0x81, (byte) 0xFF, 0x7F, 'a'};
        byte[] bytes = new byte[Long.BYTES];
        for (int round = 0; round < 100_000; round++) {
            for (int i = 0; i < bytes.length; i++) bytes[i] = alphabet[random.nextInt(alphabet.length)];
            long word = ByteScan.longAt(bytes, 0);
            long exact = ByteScan.zeroBytes(word);
            long flags = ByteScan.zeroByteFlags(word);
            assertThat(flags & exact).as(Arrays.toString(bytes)).isEqualTo(exact);
            assertThat(flags != 0).as(Arrays.toString(bytes)).isEqualTo(exact != 0);
            assertThat(flags & ~0x8080808080808080L).isZero();
        }
    }

    private static int plainIndexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) if (bytes[i] == b) return i;
        return -1;
    }

    private static int plainLastIndexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = to - 1; i >= from; i--) if (bytes[i] == b) return i;
        return -1;
    }

    private static int plainCount(byte[] bytes, int from, int to, byte b) {
        int n = 0;
        for (int i = from; i < to; i++) if (bytes[i] == b) n++;
        return n;
    }
}
