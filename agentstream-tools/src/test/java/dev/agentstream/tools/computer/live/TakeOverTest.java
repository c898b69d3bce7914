package dev.agentstream.tools.computer.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import dev.agentstream.tools.computer.AppliedInput;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.RecordingWindow;
import dev.agentstream.tools.computer.TestDisplay;
import java.awt.Color;
import java.awt.Point;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person taking over the display (screen pixels in, the model's pixels in the account of it), checked
 * against the X server's pointer and the events a real window receives; and the agent's last click and
 * typing as the page marks them. The test screen is 1920x1200, which the model sees as 1280x800.
 */
class TakeOverTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static DisplayAccess display;
    static RecordingWindow window;
    static TakeOver takeOver;

    @BeforeAll
    static void showWindow() {
        display = LiveDisplay.start();
        window = RecordingWindow.filled(new Color(0x335577));
        takeOver = new TakeOver(display);
    }

    @AfterAll
    static void closeWindow() {
        takeOver.close();
        window.close();
    }

    @BeforeEach
    void forgetEarlierEvents() {
        window.clear();
    }

    @Test
    void aClickLandsWhereThePersonClickedAndIsToldInTheModelsPixels() {
        TakeOver.Result result = takeOver.click(TakeOver.Button.LEFT, 1, 1234, 567);

        assertThat(result.isError()).as(result.text()).isFalse();
        assertThat(result.text()).isEqualTo("Left-clicked at (823, 378).");
        assertThat(LiveDisplay.pointer()).isEqualTo(new Point(1234, 567));
        List<RecordingWindow.Input> inputs = window.await(in -> in.stream().anyMatch(i -> i.is(MouseEvent.MOUSE_RELEASED)), "the click's release");
        assertThat(inputs).filteredOn(i -> i.is(MouseEvent.MOUSE_PRESSED)).singleElement()
                .satisfies(press -> {
                    assertThat(press.button()).isEqualTo(MouseEvent.BUTTON1);
                    assertThat(new Point(press.x(), press.y())).isEqualTo(new Point(1234, 567));
                });
    }

    @Test
    void typedTextReachesTheFocusedWindowAndIsQuotedInTheAccount() {
        takeOver.click(TakeOver.Button.LEFT, 1, 900, 600);
        RecordingWindow.awaitTrue(window::isFocused, "the window to have the keyboard focus");
        window.clear();

        TakeOver.Result result = takeOver.type("Hi Zoë!");

        assertThat(result.text()).isEqualTo("Typed 7 characters: \"Hi Zoë!\".");
        window.await(in -> window.typed().equals("Hi Zoë!"), "the typed text");
    }

    @Test
    void moveScrollAndKeysAreAppliedAndDescribed() {
        assertThat(takeOver.move(300, 450).text()).isEqualTo("Moved the pointer to (200, 300).");
        assertThat(LiveDisplay.pointer()).isEqualTo(new Point(300, 450));

        TakeOver.Result scrolled = takeOver.scroll(960, 600, "down", 2);
        assertThat(scrolled.text()).isEqualTo("Scrolled down 2 clicks at (640, 400).");
        window.await(in -> in.stream().filter(i -> i.is(MouseEvent.MOUSE_WHEEL)).count() == 2, "two wheel clicks");

        takeOver.click(TakeOver.Button.LEFT, 1, 900, 600);
        RecordingWindow.awaitTrue(window::isFocused, "the window to have the keyboard focus");
        assertThat(takeOver.key("ctrl+s").text()).isEqualTo("Pressed ctrl+s.");
        window.await(in -> in.stream().anyMatch(i -> i.is(KeyEvent.KEY_PRESSED) && i.keyCode() == KeyEvent.VK_S), "ctrl+s");
    }

    @Test
    void badInputIsRefusedInOneSentenceAndChangesNothing() throws Exception {
        takeOver.move(100, 100);
        window.clear();

        TakeOver.Result outside = takeOver.click(TakeOver.Button.LEFT, 1, 1920, 10);
        TakeOver.Result notInput = takeOver.apply(JSON.readTree("{\"action\":\"screenshot\"}"));
        TakeOver.Result rightDouble = takeOver.click(TakeOver.Button.RIGHT, 2, 10, 10);
        TakeOver.Result unknownKey = takeOver.key("ctrl+nosuchkey");
        TakeOver.Result notObject = takeOver.apply(JSON.readTree("[1, 2]"));

        assertThat(List.of(outside, notInput, rightDouble, unknownKey, notObject)).allSatisfy(r -> {
            assertThat(r.isError()).isTrue();
            assertThat(r.text()).endsWith(".").doesNotContain("Exception").doesNotContain("\n");
        });
        assertThat(outside.text()).contains("outside").contains("1919");
        assertThat(notInput.text()).contains("'screenshot' is not an action a person applies").contains("left_click");
        assertThat(rightDouble.text()).isEqualTo("A right click is 1 click, not 2.");
        assertThat(unknownKey.text()).contains("nosuchkey");
        assertThat(LiveDisplay.pointer()).isEqualTo(new Point(100, 100));
        assertThat(window.inputs()).noneMatch(i -> i.is(MouseEvent.MOUSE_PRESSED) || i.is(KeyEvent.KEY_PRESSED));
    }

    @Test
    void theAgentsLastClickAndTypingAreMarkedAndAPersonsActionsAreNot() throws Exception {
        List<AppliedInput> heard = new CopyOnWriteArrayList<>();
        try (AgentMarks marks = new AgentMarks(display); AutoCloseable all = display.onInput(heard::add)) {
            assertThat(marks.lastClick()).isEmpty();
            agent("{\"action\":\"left_click\",\"coordinate\":[100,200]}");
            agent("{\"action\":\"type\",\"text\":\"abc\"}");
            takeOver.click(TakeOver.Button.LEFT, 1, 1500, 900);
            takeOver.type("xyz");

            AppliedInput click = marks.lastClick().orElseThrow();
            assertThat(click.actor()).isEqualTo(AppliedInput.Actor.AGENT);
            assertThat(click.action()).isEqualTo("left_click");
            assertThat(click.pointer()).contains(new AppliedInput.Position(150, 300));
            assertThat(click.description()).isEqualTo("Left-clicked at (100, 200).");
            assertThat(marks.lastTyped().orElseThrow().text()).contains("abc");
            assertThat(heard).extracting(AppliedInput::actor, AppliedInput::action).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(AppliedInput.Actor.AGENT, "left_click"),
                    org.assertj.core.groups.Tuple.tuple(AppliedInput.Actor.AGENT, "type"),
                    org.assertj.core.groups.Tuple.tuple(AppliedInput.Actor.PERSON, "left_click"),
                    org.assertj.core.groups.Tuple.tuple(AppliedInput.Actor.PERSON, "type"));
            assertThat(heard.get(2).pointer()).contains(new AppliedInput.Position(1500, 900));
        }
    }

    private static ToolResult agent(String input) throws Exception {
        ComputerTool tool = new ComputerTool(TestDisplay.config().withSettleLimit(java.time.Duration.ZERO));
        try (Session session = Session.create();
             ToolStream stream = tool.execute(new ToolCall("c1", ComputerTool.NAME, JSON.readTree(input)), ToolContext.of(session))) {
            ToolResult result = ToolRegistry.resultOf(stream.awaitTerminal());
            assertThat(result.isError()).as(result.text()).isFalse();
            return result;
        }
    }
}
