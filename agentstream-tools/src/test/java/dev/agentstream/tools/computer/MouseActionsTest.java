package dev.agentstream.tools.computer;

import static java.awt.event.MouseEvent.MOUSE_DRAGGED;
import static java.awt.event.MouseEvent.MOUSE_MOVED;
import static java.awt.event.MouseEvent.MOUSE_PRESSED;
import static java.awt.event.MouseEvent.MOUSE_RELEASED;
import static java.awt.event.MouseEvent.MOUSE_WHEEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.event.InputEvent;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every pointer action, observed by a window covering the screen. Model coordinates are 2/3 of the screen's
 * (1280x800 of 1920x1200), so the window sees each one at 1.5 times the model's value.
 */
class MouseActionsTest {

    static RecordingWindow window;
    static ComputerCalls calls;

    @BeforeAll
    static void showWindow() {
        TestDisplay.start();
        window = RecordingWindow.filled(new Color(0x336699));
        calls = new ComputerCalls(TestDisplay.config());
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
    void mouseMoveGoesToTheScreenPixelUnderTheModelCoordinateAndCursorPositionReadsItBack() {
        var moved = calls.action("mouse_move", "coordinate", List.of(640, 400));
        assertThat(moved.text()).startsWith("Moved the pointer to (640, 400).");
        window.await(in -> in.stream().anyMatch(i -> i.is(MOUSE_MOVED) && i.x() == 960 && i.y() == 600), "the pointer at 960,600");
        var position = calls.action("cursor_position");
        assertThat(position.text()).isEqualTo("X=640,Y=400");
        assertThat(position.meta()).containsEntry("x", 640).containsEntry("y", 400);
        assertThat(position.images()).isEmpty();

        calls.action("mouse_move", "coordinate", List.of(1279, 799));
        assertThat(calls.action("cursor_position").text()).isEqualTo("X=1279,Y=799");
    }

    @Test
    void anActionAnswersWithAScreenshotTakenAfterTheScreenSettled() {
        try (ComputerCalls fresh = new ComputerCalls(TestDisplay.config())) {
            var moved = fresh.action("mouse_move", "coordinate", List.of(10, 10));
            assertThat(moved.modelImage()).isPresent();
            assertThat(moved.meta()).containsEntry("action", "mouse_move").containsEntry("width", 1280);
            assertThat(moved.progress()).extracting(p -> p.message()).contains("letting the screen settle");
            assertThat((Long) moved.meta().get("durationMs")).isGreaterThanOrEqualTo(150L);
            assertThat(moved.meta()).containsEntry("settledBy", "still");
            // Nothing visible changed (the pointer is where it was), so the next action's screenshot is reported in words.
            var again = fresh.action("mouse_move", "coordinate", List.of(10, 10));
            assertThat(again.modelImage()).isEmpty();
            assertThat(again.text()).startsWith("Moved the pointer to (10, 10). The screen settled in ").contains(" Screen unchanged since the screenshot ");
        }
    }

    @Test
    void eachClickPressesItsButtonAtTheCoordinate() {
        calls.action("left_click", "coordinate", List.of(100, 100));
        calls.action("right_click", "coordinate", List.of(200, 100));
        calls.action("middle_click", "coordinate", List.of(300, 100));
        var presses = window.await(in -> count(in, MOUSE_RELEASED) == 3, "three clicks").stream().filter(i -> i.is(MOUSE_PRESSED)).toList();
        assertThat(presses).extracting(RecordingWindow.Input::button).containsExactly(1, 3, 2);
        assertThat(presses).extracting(RecordingWindow.Input::x).containsExactly(150, 300, 450);
        assertThat(presses).extracting(RecordingWindow.Input::y).containsOnly(150);
    }

    @Test
    void doubleAndTripleClicksAreSeenAsOne() {
        var result = calls.action("double_click", "coordinate", List.of(400, 300));
        assertThat(result.text()).startsWith("Double-clicked at (400, 300).");
        window.await(in -> count(in, MOUSE_RELEASED) == 2, "a double click");
        assertThat(window.inputs(MOUSE_PRESSED)).extracting(RecordingWindow.Input::clickCount).containsExactly(1, 2);
        window.clear();
        calls.action("triple_click", "coordinate", List.of(500, 300));
        window.await(in -> count(in, MOUSE_RELEASED) == 3, "a triple click");
        assertThat(window.inputs(MOUSE_PRESSED)).extracting(RecordingWindow.Input::clickCount).containsExactly(1, 2, 3);
    }

    @Test
    void modifierKeysAreHeldDuringAClick() {
        var shiftClick = calls.action("left_click", "coordinate", List.of(50, 60), "text", "shift");
        assertThat(shiftClick.text()).startsWith("Left-clicked at (50, 60) holding shift.");
        window.await(in -> count(in, MOUSE_RELEASED) == 1, "a shift-click");
        assertThat(window.inputs(MOUSE_PRESSED).getFirst().modifiersEx() & InputEvent.SHIFT_DOWN_MASK).isNotZero();
        window.clear();
        calls.action("left_click", "coordinate", List.of(50, 60), "key", "ctrl+shift");
        window.await(in -> count(in, MOUSE_RELEASED) == 1, "a ctrl+shift-click");
        int modifiers = window.inputs(MOUSE_PRESSED).getFirst().modifiersEx();
        assertThat(modifiers & InputEvent.CTRL_DOWN_MASK).isNotZero();
        assertThat(modifiers & InputEvent.SHIFT_DOWN_MASK).isNotZero();
        window.clear();
        calls.action("left_click", "coordinate", List.of(50, 60));
        window.await(in -> count(in, MOUSE_RELEASED) == 1, "a plain click");
        assertThat(window.inputs(MOUSE_PRESSED).getFirst().modifiersEx() & (InputEvent.SHIFT_DOWN_MASK | InputEvent.CTRL_DOWN_MASK)).isZero();
    }

    @Test
    void aClickWithoutCoordinateClicksWhereThePointerIs() {
        calls.action("mouse_move", "coordinate", List.of(700, 500));
        var click = calls.action("left_click");
        assertThat(click.text()).startsWith("Left-clicked at the pointer.");
        window.await(in -> count(in, MOUSE_RELEASED) == 1, "a click");
        assertThat(window.inputs(MOUSE_PRESSED).getFirst()).extracting(RecordingWindow.Input::x, RecordingWindow.Input::y).containsExactly(1050, 750);
    }

    @Test
    void leftClickDragPressesAtTheStartMovesAndReleasesAtTheEnd() {
        var drag = calls.action("left_click_drag", "start_coordinate", List.of(100, 100), "coordinate", List.of(300, 200));
        assertThat(drag.text()).startsWith("Dragged with the left button from (100, 100) to (300, 200).");
        window.await(in -> count(in, MOUSE_RELEASED) == 1, "the end of the drag");
        RecordingWindow.Input press = window.inputs(MOUSE_PRESSED).getFirst();
        RecordingWindow.Input release = window.inputs(MOUSE_RELEASED).getFirst();
        assertThat(press).extracting(RecordingWindow.Input::x, RecordingWindow.Input::y).containsExactly(150, 150);
        assertThat(release).extracting(RecordingWindow.Input::x, RecordingWindow.Input::y).containsExactly(450, 300);
        assertThat(window.inputs(MOUSE_DRAGGED)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void leftMouseDownAndUpSpanSeveralCalls() {
        calls.action("mouse_move", "coordinate", List.of(100, 400));
        var down = calls.action("left_mouse_down");
        assertThat(down.text()).startsWith("Pressed the left button and holds it until left_mouse_up.");
        calls.action("mouse_move", "coordinate", List.of(200, 450));
        calls.action("left_mouse_up");
        window.await(in -> count(in, MOUSE_RELEASED) == 1, "the button released");
        assertThat(window.inputs(MOUSE_PRESSED).getFirst()).extracting(RecordingWindow.Input::x, RecordingWindow.Input::y).containsExactly(150, 600);
        assertThat(window.inputs(MOUSE_DRAGGED)).isNotEmpty();
        assertThat(window.inputs(MOUSE_RELEASED).getFirst()).extracting(RecordingWindow.Input::x, RecordingWindow.Input::y).containsExactly(300, 675);
    }

    @Test
    void closingTheSessionLetsGoOfAHeldButton() {
        try (ComputerCalls other = new ComputerCalls(TestDisplay.config())) {
            other.action("left_mouse_down", "coordinate", List.of(600, 600));
            window.await(in -> count(in, MOUSE_PRESSED) == 1, "the button pressed");
        }
        window.await(in -> count(in, MOUSE_RELEASED) == 1, "the button released when the session closed");
    }

    @Test
    void scrollTurnsTheWheelAtTheCoordinate() {
        var down = calls.action("scroll", "coordinate", List.of(640, 400), "scroll_direction", "down", "scroll_amount", 3);
        assertThat(down.text()).startsWith("Scrolled down 3 clicks at (640, 400).");
        window.await(in -> wheel(in) == 3, "three clicks down");
        assertThat(window.inputs(MOUSE_WHEEL)).allSatisfy(i -> assertThat(i.x()).isEqualTo(960));
        window.clear();
        calls.action("scroll", "scroll_direction", "up", "scroll_amount", 2);
        window.await(in -> wheel(in) == -2, "two clicks up");
    }

    @Test
    void horizontalScrollUsesTheSideWheelButtons() {
        // X buttons 6 and 7 (wheel left and right) reach AWT as mouse buttons 4 and 5.
        calls.action("scroll", "coordinate", List.of(640, 400), "scroll_direction", "left", "scroll_amount", 2);
        calls.action("scroll", "scroll_direction", "right", "scroll_amount", 1);
        window.await(in -> count(in, MOUSE_RELEASED) == 3, "three side-wheel clicks");
        assertThat(window.inputs(MOUSE_PRESSED)).extracting(RecordingWindow.Input::button).containsExactly(4, 4, 5);
    }

    @Test
    void modifierKeysAreHeldDuringAScroll() {
        var zoom = calls.action("scroll", "coordinate", List.of(640, 400), "scroll_direction", "up", "scroll_amount", 1, "text", "ctrl");
        assertThat(zoom.text()).startsWith("Scrolled up 1 click at (640, 400) holding ctrl.");
        window.await(in -> wheel(in) == -1, "a ctrl-scroll");
        assertThat(window.inputs(MOUSE_WHEEL).getFirst().modifiersEx() & InputEvent.CTRL_DOWN_MASK).isNotZero();
    }

    private static long count(List<RecordingWindow.Input> inputs, int id) {
        return inputs.stream().filter(i -> i.is(id)).count();
    }

    private static int wheel(List<RecordingWindow.Input> inputs) {
        return inputs.stream().filter(i -> i.is(MOUSE_WHEEL)).mapToInt(RecordingWindow.Input::wheelRotation).sum();
    }
}
