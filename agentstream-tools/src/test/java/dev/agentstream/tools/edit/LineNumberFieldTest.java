package dev.agentstream.tools.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The counted-up line number is what {@code cat -n} prints (and {@link Lines#appendNumber}) for every number. */
class LineNumberFieldTest {

    @Test
    void countsUpAsCatNumbersAcrossEveryChangeOfWidth() {
        long[] starts = {1, 9, 95, 99_990, 999_990, 9_999_990, 99_999_990, 999_999_999_990L, 999_999_999_999_990L, 9_999_999_999_999_990L};
        for (long start : starts) {
            LineNumberField field = new LineNumberField(start);
            for (long number = start; number < start + 30; number++) {
                assertThat(written(field)).as("line %d", number).isEqualTo(catNumber(number));
                field.increment();
            }
        }
    }

    @Test
    void theFirstMillionAndAHalfLinesAreNumberedAsCatNumbersThem() {
        LineNumberField field = new LineNumberField(1);
        byte[] out = new byte[64];
        for (long number = 1; number <= 1_500_000; number++) {
            int end = field.writeTo(out, 3);
            String expected = catNumber(number);
            if (!new String(out, 3, end - 3, StandardCharsets.US_ASCII).equals(expected)) {
                assertThat(new String(out, 3, end - 3, StandardCharsets.US_ASCII)).as("line %d", number).isEqualTo(expected);
            }
            field.increment();
        }
    }

    @Test
    void writesNothingBeforeItsPlaceAndAtMostTwoWordsPastItsTab() {
        LineNumberField field = new LineNumberField(42);
        byte[] out = new byte[40];
        Arrays.fill(out, (byte) 'x');
        int end = field.writeTo(out, 5);
        assertThat(end).isEqualTo(5 + 7);
        assertThat(new String(out, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("xxxxx");
        assertThat(new String(out, 5, 7, StandardCharsets.US_ASCII)).isEqualTo("    42\t");
        for (int i = 5 + LineNumberField.OVERRUN; i < out.length; i++) assertThat(out[i]).isEqualTo((byte) 'x');
    }

    @Test
    void refusesANumberBelowOne() {
        assertThatThrownBy(() -> new LineNumberField(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String written(LineNumberField field) {
        byte[] out = new byte[48];
        int end = field.writeTo(out, 0);
        return new String(out, 0, end, StandardCharsets.US_ASCII);
    }

    private static String catNumber(long number) {
        StringBuilder s = new StringBuilder();
        Lines.appendNumber(s, number);
        return s.toString();
    }
}
