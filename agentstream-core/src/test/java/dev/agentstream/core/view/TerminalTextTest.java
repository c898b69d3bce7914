package dev.agentstream.core.view;

import static dev.agentstream.core.view.TerminalText.collapseCarriageReturns;
import static dev.agentstream.core.view.TerminalText.stripAnsi;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    private static final String E = "\u001b";

    @Test
    void stripsSgrColoursAndCursorMovement() {
        assertThat(stripAnsi(E + "[1;31mred" + E + "[0m plain " + E + "[38;5;208mo" + E + "[m")).isEqualTo("red plain o");
        assertThat(stripAnsi("a" + E + "[2K" + E + "[1G" + E + "[?25l" + E + "[?25hb")).isEqualTo("ab");
        assertThat(stripAnsi(E + "[38:2:255:0:0mx")).isEqualTo("x");
    }

    @Test
    void stripsOscTerminatedByBelOrSt() {
        assertThat(stripAnsi(E + "]0;window title\u0007text")).isEqualTo("text");
        assertThat(stripAnsi(E + "]8;;https://example.com" + E + "\\link" + E + "]8;;" + E + "\\ after"))
                .isEqualTo("link after");
        assertThat(stripAnsi(E + "P1$r0m" + E + "\\dcs gone")).isEqualTo("dcs gone");
        assertThat(stripAnsi(E + "_Gf=100;AAAA" + E + "\\apc gone")).isEqualTo("apc gone");
    }

    @Test
    void stripsShortEscSequencesAndControls() {
        assertThat(stripAnsi(E + "7save" + E + "8" + E + "(Bcharset" + E + "=" + E + ">")).isEqualTo("savecharset");
        assertThat(stripAnsi("a\u0000b\u0007c\u000bd\u007fe\u0085f\u009bg")).isEqualTo("abcdefg");
        assertThat(stripAnsi("keeps\ttabs\nnewlines\r\nand\rcr\bbs")).isEqualTo("keeps\ttabs\nnewlines\r\nand\rcr\bbs");
        assertThat(stripAnsi("héllo wörld ✓ 😀")).isEqualTo("héllo wörld ✓ 😀");
    }

    @Test
    void malformedSequencesDoNotSwallowText() {
        // a CSI broken by a non-CSI char ends there; the char is kept
        assertThat(stripAnsi(E + "[12é rest")).isEqualTo("é rest");
        // ESC ESC: the first escape is dropped, the second starts the sequence
        assertThat(stripAnsi(E + E + "[31mx")).isEqualTo("x");
        // a newline inside a CSI is executed, as a terminal does
        assertThat(stripAnsi(E + "[1\nm")).isEqualTo("\n");
        // unterminated at the end: dropped
        assertThat(stripAnsi("tail" + E + "[3")).isEqualTo("tail");
        assertThat(stripAnsi("tail" + E)).isEqualTo("tail");
    }

    @Test
    void unterminatedOscIsAbandonedAfterTheCap() {
        String payload = "x".repeat(AnsiStripper.MAX_STRING);
        assertThat(stripAnsi(E + "]" + payload + "visible")).isEqualTo("visible");
    }

    @Test
    void collapsesCarriageReturns() {
        assertThat(collapseCarriageReturns("10%\r50%\r100%\n")).isEqualTo("100%\n");
        assertThat(collapseCarriageReturns("a\r\nb\r\n")).isEqualTo("a\nb\n");
        assertThat(collapseCarriageReturns("a\r\r\nb")).isEqualTo("a\nb");
        assertThat(collapseCarriageReturns("first\nprogress 1\rprogress 22\rdone")).isEqualTo("first\ndone");
        assertThat(collapseCarriageReturns("kept at end\r")).isEqualTo("kept at end");
        assertThat(collapseCarriageReturns("abc\b\bX\n")).isEqualTo("aX\n");
        assertThat(collapseCarriageReturns("\bx\n\b\by")).isEqualTo("x\ny");
        assertThat(collapseCarriageReturns("smile 😀\b!")).isEqualTo("smile !");
        assertThat(collapseCarriageReturns("no overwrites")).isEqualTo("no overwrites");
    }

    @Test
    void stripThenCollapseHandlesTypicalProgressBars() {
        String pip = "Downloading x.whl\n" + E + "[?25l   " + E + "[90m━━━━" + E + "[0m 1.0/5.0 MB\r"
                + E + "[2K   " + E + "[32m━━━━━━━━" + E + "[0m 5.0/5.0 MB\r\n" + E + "[?25hSuccessfully installed x\n";
        assertThat(collapseCarriageReturns(stripAnsi(pip)))
                .isEqualTo("Downloading x.whl\n   ━━━━━━━━ 5.0/5.0 MB\nSuccessfully installed x\n");
    }
}
