package dev.agentstream.tools.computer;

import static java.awt.event.KeyEvent.KEY_PRESSED;
import static java.awt.event.KeyEvent.KEY_RELEASED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.awt.Color;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key presses and typing, observed as the key events a focused window receives. */
class KeyboardActionsTest {

    static RecordingWindow window;
    static ComputerCalls calls;

    @BeforeAll
    static void focusWindow() {
        TestDisplay.start();
        window = RecordingWindow.filled(new Color(0x224422));
        calls = new ComputerCalls(TestDisplay.config());
        calls.action("left_click", "coordinate", List.of(640, 400));
        RecordingWindow.awaitTrue(window::isFocused, "the window to have the keyboard focus");
    }

    @AfterAll
    static void closeWindow() {
        calls.close();
        window.close();
    }

    @BeforeEach
    void forgetEarlierEvents() {
        window.clear();
    }

    @Test
    void aChordPressesItsModifierWithTheKey() {
        var result = calls.action("key", "text", "ctrl+s");
        assertThat(result.text()).startsWith("Pressed ctrl+s.");
        window.await(in -> released(in, KeyEvent.VK_CONTROL), "ctrl released");
        List<RecordingWindow.Input> presses = window.inputs(KEY_PRESSED);
        assertThat(presses).extracting(RecordingWindow.Input::keyCode).containsExactly(KeyEvent.VK_CONTROL, KeyEvent.VK_S);
        assertThat(presses.get(1).modifiersEx() & InputEvent.CTRL_DOWN_MASK).isNotZero();
    }

    @Test
    void xdotoolKeyNamesReachTheWindowAsTheirKeys() {
        Map<String, Integer> keys = Map.of("Return", KeyEvent.VK_ENTER, "Page_Down", KeyEvent.VK_PAGE_DOWN, "F5", KeyEvent.VK_F5,
                "super", KeyEvent.VK_WINDOWS, "Escape", KeyEvent.VK_ESCAPE, "BackSpace", KeyEvent.VK_BACK_SPACE, "Up", KeyEvent.VK_UP);
        for (var key : keys.entrySet()) {
            window.clear();
            calls.action("key", "text", key.getKey());
            window.await(in -> released(in, key.getValue()), key.getKey() + " pressed and released");
        }
    }

    @Test
    void severalCombosInOneKeyTextArePressedInTurn() {
        calls.action("key", "text", "ctrl+a Delete");
        window.await(in -> released(in, KeyEvent.VK_DELETE), "Delete released");
        assertThat(window.inputs(KEY_PRESSED)).extracting(RecordingWindow.Input::keyCode)
                .containsExactly(KeyEvent.VK_CONTROL, KeyEvent.VK_A, KeyEvent.VK_DELETE);
        assertThat(window.inputs(KEY_PRESSED).get(2).modifiersEx() & InputEvent.CTRL_DOWN_MASK).isZero();
    }

    @Test
    void typeTypesAsciiWithShiftWhereNeeded() {
        String text = "Hello, World! 1+2=3 @#$%^&*()_{}|:\"<>?~`[]\\;',./";
        var result = calls.action("type", "text", text);
        assertThat(result.text()).startsWith("Typed " + text.length() + " characters.");
        window.await(in -> window.typed().length() == text.length(), "every character typed");
        assertThat(window.typed()).isEqualTo(text);
    }

    @Test
    void typeTypesUnicodeTheKeyboardLayoutLacks() {
        String text = "Grüße, €uro — 世界 ñ «ok» Ω";
        calls.action("type", "text", text);
        window.await(in -> window.typed().length() == text.length(), "every character typed");
        assertThat(window.typed()).isEqualTo(text);
    }

    @Test
    void typeHandlesMoreDistinctCharactersThanSpareKeycodesInChunks() {
        // 24 Greek and 32 Cyrillic letters: more than the spare keycodes Xvfb's keymap has, so bindings are reused.
        String text = "αβγδεζηθικλμνξοπρστυφχψω абвгдежзийклмнопрстуфхцчшщъыьэюя αωя";
        var result = calls.action("type", "text", text);
        assertThat(result.text()).startsWith("Typed " + text.length() + " characters.");
        window.await(in -> window.typed().length() == text.length(), "every character typed");
        assertThat(window.typed()).isEqualTo(text);
    }

    @Test
    void newlinesAndTabsAreTypedAsReturnAndTab() {
        calls.action("type", "text", "a\nb\tc\r\nd");
        window.await(in -> window.typed().length() == 7, "seven characters typed");
        assertThat(window.typed()).isEqualTo("a\nb\tc\nd");
    }

    @Test
    void typingReportsProgressByCharacters() {
        String text = "x".repeat(120);
        var result = calls.action("type", "text", text);
        assertThat(result.progress().getFirst().message()).isEqualTo("typing 0/120 characters");
        window.await(in -> window.typed().length() == 120, "every character typed");
    }

    @Test
    void holdKeyHoldsForTheDuration() {
        long start = System.nanoTime();
        var result = calls.action("hold_key", "text", "shift", "duration", 0.5);
        assertThat(result.text()).startsWith("Held shift for 0.5 s.");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(500);
        window.await(in -> released(in, KeyEvent.VK_SHIFT), "shift released");
        assertThat(window.inputs(KEY_PRESSED)).extracting(RecordingWindow.Input::keyCode).contains(KeyEvent.VK_SHIFT);
    }

    @Test
    void aKeyFromAnotherClientDuringHoldKeyArrivesWithTheHeldModifier() throws Exception {
        // Another X client (its own connection, as another program would have) types 'a' while shift is held.
        try (Xlib other = Xlib.open(TestDisplay.start());
             ToolStream hold = calls.start(Map.of("action", "hold_key", "text", "shift", "duration", 5))) {
            window.await(in -> in.stream().anyMatch(i -> i.is(KEY_PRESSED) && i.keyCode() == KeyEvent.VK_SHIFT), "shift pressed");
            Keyboard outside = new Keyboard(other);
            outside.prepare(List.of((long) 'a'));
            outside.tap('a');
            outside.releaseAll();
            window.await(in -> !window.typed().isEmpty(), "the other client's key typed");
            assertThat(window.typed()).isEqualTo("A");
            assertThat(window.inputs(KEY_RELEASED)).extracting(RecordingWindow.Input::keyCode).doesNotContain(KeyEvent.VK_SHIFT);
            hold.close();
            hold.awaitTerminal();
        }
        window.await(in -> released(in, KeyEvent.VK_SHIFT), "shift released once the hold ends");
    }

    @Test
    void waitWaitsAndAnswersWithAScreenshot() {
        long start = System.nanoTime();
        var result = calls.action("wait", "duration", 0.3);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(result.text()).startsWith("Waited 0.3 s.");
        assertThat(result.meta()).containsEntry("action", "wait").containsKey("captureMs");
        assertThat(result.images()).hasSize(1);
    }

    @Test
    void aCancelledWaitEndsAtOnceWithoutAScreenshot() throws Exception {
        long start = System.nanoTime();
        ToolEvent terminal;
        try (ToolStream stream = calls.start(Map.of("action", "wait", "duration", 30))) {
            Thread.sleep(200);
            stream.close();
            terminal = stream.awaitTerminal();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        ToolResult result = ToolRegistry.resultOf(terminal);
        assertThat(result.text()).matches("The wait was cancelled after \\d+(\\.\\d)? s; no screenshot was taken\\.");
        assertThat(result.metadata()).containsEntry("cancelled", true);
    }

    private static boolean released(List<RecordingWindow.Input> inputs, int keyCode) {
        return inputs.stream().anyMatch(i -> i.is(KEY_RELEASED) && i.keyCode() == keyCode);
    }
}
