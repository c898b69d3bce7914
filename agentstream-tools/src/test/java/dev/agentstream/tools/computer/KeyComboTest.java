package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstream.core.ToolInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key names resolve through Xlib's keysym table (no display needed), as xdotool's do. */
class KeyComboTest {

    static final long CONTROL_L = 0xffe3;
    static final long ALT_L = 0xffe9;
    static final long SUPER_L = 0xffeb;
    static final long SHIFT_L = 0xffe1;
    static final long NEXT = 0xff56;
    static final long F5 = 0xffc2;

    @Test
    void xdotoolNamesResolveToTheirKeysyms() {
        assertThat(KeyCombo.parse("ctrl+s").keysyms()).containsExactly(CONTROL_L, (long) 's');
        assertThat(KeyCombo.parse("Return").keysyms()).containsExactly(Keysyms.RETURN);
        assertThat(KeyCombo.parse("super").keysyms()).containsExactly(SUPER_L);
        assertThat(KeyCombo.parse("Page_Down").keysyms()).containsExactly(NEXT);
        assertThat(KeyCombo.parse("F5").keysyms()).containsExactly(F5);
        assertThat(KeyCombo.parse("alt+Tab").keysyms()).containsExactly(ALT_L, Keysyms.TAB);
        assertThat(KeyCombo.parse("ctrl+shift+t").keysyms()).containsExactly(CONTROL_L, SHIFT_L, (long) 't');
        assertThat(KeyCombo.parse("KP_0").keysyms()).containsExactly(0xffb0L);
    }

    @Test
    void commonSpellingsAndCaseSlipsAreAccepted() {
        assertThat(KeyCombo.parse("enter").keysyms()).containsExactly(Keysyms.RETURN);
        assertThat(KeyCombo.parse("esc").keysyms()).containsExactly(Keysyms.ESCAPE);
        assertThat(KeyCombo.parse("return").keysyms()).containsExactly(Keysyms.RETURN);
        assertThat(KeyCombo.parse("f5").keysyms()).containsExactly(F5);
        assertThat(KeyCombo.parse("Ctrl+PageDown").keysyms()).containsExactly(CONTROL_L, NEXT);
        assertThat(KeyCombo.parse("cmd+c").keysyms()).containsExactly(SUPER_L, (long) 'c');
    }

    @Test
    void thePlusKeyCanBeNamedOrWrittenLast() {
        assertThat(KeyCombo.parse("ctrl+plus").keysyms()).containsExactly(CONTROL_L, (long) '+');
        assertThat(KeyCombo.parse("ctrl++").keysyms()).containsExactly(CONTROL_L, (long) '+');
        assertThat(KeyCombo.parse("+").keysyms()).containsExactly((long) '+');
    }

    @Test
    void aSingleCharacterIsItsOwnKeysymEvenBeyondLatin1() {
        assertThat(KeyCombo.parse("é").keysyms()).containsExactly(0xe9L);
        assertThat(KeyCombo.parse("€").keysyms()).containsExactly(0x010020acL);
    }

    @Test
    void aKeyTextMayHoldSeveralCombosSeparatedBySpaces() {
        List<KeyCombo> combos = KeyCombo.parseSequence("ctrl+a Delete");
        assertThat(combos).extracting(KeyCombo::text).containsExactly("ctrl+a", "Delete");
    }

    @Test
    void anUnknownKeyNameIsRefusedWithExamples() {
        assertThatThrownBy(() -> KeyCombo.parse("ctrl+Banana"))
                .isInstanceOf(ToolInputException.class)
                .hasMessage("Unknown key name 'Banana' in 'ctrl+Banana'; use xdotool key names such as Return, Escape, ctrl+s, "
                        + "alt+Tab, super, Page_Down, F5 or KP_0.");
        assertThatThrownBy(() -> KeyCombo.parse("ctrl+")).isInstanceOf(ToolInputException.class);
        assertThatThrownBy(() -> KeyCombo.parseSequence("  ")).isInstanceOf(ToolInputException.class);
    }
}
