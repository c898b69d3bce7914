package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every input the tool refuses comes back as an error result saying what is wrong and what to do. */
class ComputerErrorsTest {

    static ComputerCalls calls;

    @BeforeAll
    static void startSession() {
        TestDisplay.beforeAwt();
        calls = new ComputerCalls(TestDisplay.config());
    }

    @AfterAll
    static void endSession() {
        calls.close();
    }

    private static String error(Map<String, ?> input) {
        var recorded = calls.run(input);
        assertThat(recorded.isError()).as("an error result for %s", input).isTrue();
        assertThat(recorded.images()).isEmpty();
        return recorded.text();
    }

    @Test
    void anUnknownOrMissingActionListsTheActions() {
        assertThat(error(Map.of("action", "fly"))).isEqualTo("Unknown action 'fly'; use one of: screenshot, key, type, mouse_move, "
                + "left_click, right_click, middle_click, double_click, triple_click, left_click_drag, left_mouse_down, left_mouse_up, "
                + "scroll, hold_key, wait, cursor_position, zoom.");
        assertThat(error(Map.of("coordinate", List.of(1, 2)))).startsWith("'action' is missing; use one of: screenshot,");
        assertThat(error(Map.of("action", 3))).startsWith("'action' must be a string");
    }

    @Test
    void aMissingCoordinateIsNamed() {
        assertThat(error(Map.of("action", "mouse_move"))).isEqualTo("'coordinate' is required for mouse_move: [x, y] to move the pointer to.");
        assertThat(error(Map.of("action", "left_click_drag", "start_coordinate", List.of(1, 1))))
                .startsWith("'coordinate' is required for left_click_drag");
    }

    @Test
    void aMalformedCoordinateIsRefused() {
        assertThat(error(Map.of("action", "left_click", "coordinate", List.of(1)))).isEqualTo(
                "'coordinate' must be [x, y], 2 non-negative whole numbers; got [1].");
        assertThat(error(Map.of("action", "left_click", "coordinate", List.of(-1, 5)))).contains("non-negative whole numbers");
        assertThat(error(Map.of("action", "left_click", "coordinate", List.of(1.5, 5)))).contains("non-negative whole numbers");
        assertThat(error(Map.of("action", "left_click", "coordinate", "10,20"))).contains("must be [x, y]");
    }

    @Test
    void aCoordinateOutsideTheScreenshotIsRefusedAndNothingHappens() {
        TestDisplay.start();
        assertThat(error(Map.of("action", "left_click", "coordinate", List.of(1280, 100)))).isEqualTo(
                "'coordinate' [1280, 100] is outside the 1280x800 screenshot; x must be 0..1279 and y 0..799.");
        assertThat(error(Map.of("action", "left_click_drag", "start_coordinate", List.of(5, 900), "coordinate", List.of(10, 10))))
                .startsWith("'start_coordinate' [5, 900] is outside the 1280x800 screenshot");
        assertThat(error(Map.of("action", "zoom", "region", List.of(0, 0, 1281, 10)))).contains("goes beyond the 1280x800 screenshot");
    }

    @Test
    void aBadKeyNameIsRefusedBeforeAnyKeyIsPressed() {
        assertThat(error(Map.of("action", "key", "text", "ctrl+Banana"))).startsWith("Unknown key name 'Banana' in 'ctrl+Banana'; use xdotool key names");
        assertThat(error(Map.of("action", "left_click", "text", "hyper-shift"))).startsWith("Unknown key name 'hyper-shift'");
        assertThat(error(Map.of("action", "hold_key", "text", "Nope", "duration", 1))).startsWith("Unknown key name 'Nope'");
    }

    @Test
    void textIsRequiredWhereItIsTheInput() {
        assertThat(error(Map.of("action", "type"))).isEqualTo("'text' is required for type: the text to type.");
        assertThat(error(Map.of("action", "type", "text", ""))).isEqualTo("'text' is empty; give the text to type.");
        assertThat(error(Map.of("action", "key"))).startsWith("'text' is required for key");
        assertThat(error(Map.of("action", "type", "text", "bell\u0007"))).contains("U+0007");
        assertThat(error(Map.of("action", "type", "text", "half \uD83D pair"))).contains("U+D83D").contains("surrogate");
        assertThat(error(Map.of("action", "type", "text", "\uDE00"))).contains("U+DE00");
        assertThat(error(Map.of("action", "type", "text", "x", "coordinate", List.of(1, 1))))
                .isEqualTo("'coordinate' is not accepted for type; click the field first, then type.");
    }

    @Test
    void scrollNeedsADirectionAndAnAmount() {
        assertThat(error(Map.of("action", "scroll", "scroll_amount", 3))).startsWith("'scroll_direction' is required for scroll");
        assertThat(error(Map.of("action", "scroll", "scroll_direction", "sideways", "scroll_amount", 3)))
                .isEqualTo("'scroll_direction' must be up, down, left or right, not 'sideways'.");
        assertThat(error(Map.of("action", "scroll", "scroll_direction", "down"))).startsWith("'scroll_amount' is required for scroll");
        assertThat(error(Map.of("action", "scroll", "scroll_direction", "down", "scroll_amount", -2))).contains("from 0 to 100");
        assertThat(error(Map.of("action", "scroll", "scroll_direction", "down", "scroll_amount", 1000))).contains("from 0 to 100");
    }

    @Test
    void waitAndHoldKeyNeedASensibleDuration() {
        assertThat(error(Map.of("action", "wait"))).startsWith("'duration' is required for wait");
        assertThat(error(Map.of("action", "wait", "duration", 500))).isEqualTo("'duration' must be a number of seconds from 0 to 100, got 500.");
        assertThat(error(Map.of("action", "hold_key", "text", "shift"))).startsWith("'duration' is required for hold_key");
    }

    @Test
    void settleIsANumberOfSecondsWithinItsLimit() {
        assertThat(error(Map.of("action", "mouse_move", "coordinate", List.of(1, 1), "settle", -1)))
                .isEqualTo("'settle' must be a number of seconds from 0 to 60, got -1.");
        assertThat(error(Map.of("action", "screenshot", "settle", "soon"))).startsWith("'settle' must be a number of seconds");
        assertThat(error(Map.of("action", "zoom", "region", List.of(0, 0, 10, 10), "settle", 1))).startsWith("'settle' is not accepted for zoom");
    }

    @Test
    void zoomNeedsARegionOfFourCorners() {
        assertThat(error(Map.of("action", "zoom"))).startsWith("'region' is required for zoom");
        assertThat(error(Map.of("action", "zoom", "region", List.of(1, 2, 3)))).contains("must be [x0, y0, x1, y1]");
    }

    @Test
    void differentModifiersInTextAndKeyAreRefused() {
        assertThat(error(Map.of("action", "left_click", "text", "shift", "key", "ctrl"))).contains("'text' and 'key' both name modifier keys");
    }
}
