package dev.agentstream.tools.computer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.ToolInputException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A person's input on the computer tool's display (taking over from the agent), applied through the tool's
 * own input path: the same input checks, keyboard, mouse and typing, the display lock, and the same one-line
 * account of what was done, with positions in the model's screenshot pixels so the model can be told. The
 * person's coordinates are screen pixels. A left button the person holds down (left_mouse_down) is let go
 * when this is closed.
 */
public final class PersonInput implements AutoCloseable {

    /** The computer tool's actions a person may apply: input, nothing that waits or reads the screen. */
    public static final Set<String> ACTIONS = Set.copyOf(EnumSet.of(ComputerAction.KEY, ComputerAction.TYPE, ComputerAction.MOUSE_MOVE,
                    ComputerAction.LEFT_CLICK, ComputerAction.RIGHT_CLICK, ComputerAction.MIDDLE_CLICK, ComputerAction.DOUBLE_CLICK,
                    ComputerAction.TRIPLE_CLICK, ComputerAction.LEFT_CLICK_DRAG, ComputerAction.LEFT_MOUSE_DOWN, ComputerAction.LEFT_MOUSE_UP,
                    ComputerAction.SCROLL)
            .stream().map(ComputerAction::wireName).collect(Collectors.toSet()));

    private final ComputerSession session;
    private final Scaling scaling;

    PersonInput(ComputerSession session, Scaling scaling) {
        this.session = session;
        this.scaling = scaling;
    }

    /**
     * Applies one action given as the computer tool's input ({@code {"action":"left_click","coordinate":[x, y]}}),
     * with coordinates in screen pixels, and says in one line what was done. Waits at most {@code wait}
     * for an agent's action in progress to end.
     *
     * @throws ToolInputException when the input is not a valid action of {@link #ACTIONS}; nothing was done
     * @throws TimeoutException   when the agent kept the display for longer than {@code wait}; nothing was done
     */
    public String apply(JsonNode input, Duration wait) throws InterruptedException, TimeoutException {
        ComputerInput parsed = ComputerInput.parse(input);
        if (!ACTIONS.contains(parsed.action().wireName())) {
            throw new ToolInputException("'" + parsed.action().wireName() + "' is not an action a person applies; use one of: "
                    + String.join(", ", ACTIONS.stream().sorted().toList()) + ".");
        }
        JvmDisplay display = session.display();
        return display.exclusivelyWithin(wait, () -> {
            Resolution screen = display.screenSize();
            ScreenMapping onScreen = new ScreenMapping(screen, screen);
            ActionRunner runner = new ActionRunner(session, onScreen, ScreenMapping.of(screen, scaling), AppliedInput.Actor.PERSON);
            return runner.perform(parsed, CallProgress.none());
        }).orElseThrow(() -> new TimeoutException("The agent's computer action kept the display for more than "
                + ActionRunner.seconds(wait.toMillis()) + " s; pause the agent, or try again once its action has ended."));
    }

    /** Lets go of a left button the person left held. */
    @Override
    public void close() {
        session.close();
    }
}
