package dev.agentstream.tools.computer;

/**
 * What the computer tool keeps for one agent session: the display it works on, the last screenshot its
 * model was sent, and whether it left the left button down (left_mouse_down), which closing lets go of.
 * The display itself belongs to the JVM (see {@link JvmDisplay}) and outlives the session.
 */
final class ComputerSession implements AutoCloseable {

    static final String KEY = "computer";

    private final JvmDisplay display;
    private final ScreenshotCache cache = new ScreenshotCache();
    private boolean holdsLeftButton;

    ComputerSession(JvmDisplay display) {
        this.display = display;
    }

    JvmDisplay display() {
        return display;
    }

    ScreenshotCache cache() {
        return cache;
    }

    void holdsLeftButton(boolean holds) {
        holdsLeftButton = holds;
    }

    @Override
    public void close() {
        if (!holdsLeftButton) return;
        display.lock().lock();
        try {
            if (display.mouse().isHeld(Mouse.LEFT)) display.mouse().letGo(Mouse.LEFT);
            holdsLeftButton = false;
        } finally {
            display.lock().unlock();
        }
    }
}
