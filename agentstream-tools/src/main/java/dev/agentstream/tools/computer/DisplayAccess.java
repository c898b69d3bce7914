package dev.agentstream.tools.computer;

import java.util.function.Consumer;

/**
 * The computer tool's display as the rest of agentstream reaches it besides the tool itself: the live
 * desktop of {@code agentstream serve} ({@code dev.agentstream.tools.computer.live}) captures it, lets a
 * person act on it through the tool's own input path, and hears of every input action applied to it.
 * It is the same display the {@link ComputerTool} of this JVM works on (there is one per JVM, see
 * {@link ComputerTool#display()}).
 */
public final class DisplayAccess {

    private final JvmDisplay display;
    private final ComputerConfig config;

    private DisplayAccess(JvmDisplay display, ComputerConfig config) {
        this.display = display;
        this.config = config;
    }

    /**
     * The display, started (or connected) now if the computer tool has not done so yet, with the same
     * configuration the tool is given (its scaling decides the pixels actions are described in).
     *
     * @throws DisplayUnavailableException when there is no display and none can be started
     */
    public static DisplayAccess acquire(ComputerConfig config) {
        return new DisplayAccess(JvmDisplay.acquire(config.displaySize(), config.alwaysStartDisplay()), config);
    }

    /** The display's name, such as {@code :99}. */
    public String name() {
        return display.name();
    }

    /** The screen's size now, in screen pixels. */
    public Resolution screenSize() {
        return display.screenSize();
    }

    /** The size of the screenshots the model sees of this screen. */
    public Resolution modelSize() {
        return config.scaling().modelSize(display.screenSize());
    }

    /**
     * A capture of the screen on a connection of its own; the caller closes it.
     *
     * @throws DisplayUnavailableException when the X server cannot share memory with this process
     */
    public ScreenCapture openCapture() {
        return ScreenCapture.open(display);
    }

    /** An input path for a person acting on the display; the caller closes it to let go of a held button. */
    public PersonInput personInput() {
        return new PersonInput(new ComputerSession(display), config.scaling());
    }

    /**
     * Tells {@code listener} of every input action applied to the display from now on, by the agent or a
     * person, until the returned handle is closed. It is called on the thread that acted, while that thread
     * holds the display, so it must return quickly (hand the event to a queue or store it).
     */
    public AutoCloseable onInput(Consumer<AppliedInput> listener) {
        return display.onInput(listener);
    }
}
