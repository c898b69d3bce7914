package dev.agentstream.tools.computer;

import java.awt.Rectangle;

/**
 * Captures the whole screen of the computer tool's display, again and again, with the pointer drawn in:
 * for watching the display live while the agent works. It has an X connection and a shared-memory segment
 * of its own, so capturing never waits for the computer tool's display lock (held through an action and
 * the wait for the screen to settle) and never delays the agent. Use it from one thread at a time.
 */
public final class ScreenCapture implements AutoCloseable {

    private final JvmDisplay display;
    private final Xlib xlib;
    private final boolean pointerSprites;
    private ShmGrabber grabber;

    private ScreenCapture(JvmDisplay display, Xlib xlib, ShmGrabber grabber) {
        this.display = display;
        this.xlib = xlib;
        this.grabber = grabber;
        this.pointerSprites = PointerSprite.available(xlib.handle());
    }

    /**
     * Connects to the display and attaches a shared-memory segment for its screen.
     *
     * @throws DisplayUnavailableException when the X server cannot share memory with this process
     */
    static ScreenCapture open(JvmDisplay display) {
        Xlib xlib = Xlib.open(display.name());
        try {
            ShmGrabber grabber = ShmGrabber.open(xlib.handle(), display.screenSize()).orElseThrow(() -> unshared(display));
            return new ScreenCapture(display, xlib, grabber);
        } catch (RuntimeException e) {
            xlib.close();
            throw e;
        }
    }

    /** The width of the screen the last capture (or the opening) saw. */
    public int width() {
        return grabber.size().width();
    }

    /** The height of the screen the last capture (or the opening) saw. */
    public int height() {
        return grabber.size().height();
    }

    /**
     * Captures the screen as {@code 0xRRGGBB} ints row after row ({@link #width()} per row; the top byte is
     * not part of the colour), into {@code reuse} when it has the screen's size, else into a new array,
     * which is returned. A screen that changed size is captured at its new size ({@link #width()} and
     * {@link #height()} tell it).
     *
     * @throws DisplayUnavailableException when the screen can no longer be captured
     */
    public int[] capture(int[] reuse) {
        Resolution screen = display.screenSize();
        if (!grabber.size().equals(screen)) reopen(screen);
        int[] target = reuse != null && reuse.length == screen.width() * screen.height() ? reuse : new int[screen.width() * screen.height()];
        if (!grabber.grab(target, rows -> {})) {
            // The screen changed size between asking and capturing: once more at the size it has now.
            screen = display.screenSize();
            reopen(screen);
            target = target.length == screen.width() * screen.height() ? target : new int[screen.width() * screen.height()];
            if (!grabber.grab(target, rows -> {})) {
                throw new DisplayUnavailableException("The X server refused to capture the screen of " + display.name() + " twice in a row.");
            }
        }
        if (pointerSprites) {
            PointerSprite sprite = PointerSprite.read(xlib.handle());
            if (sprite != null) {
                sprite.drawOnto(new PixelBuffer(target, 0, screen.width(), screen.width(), screen.height()),
                        new Rectangle(0, 0, screen.width(), screen.height()));
            }
        }
        return target;
    }

    private void reopen(Resolution screen) {
        grabber.close();
        grabber = ShmGrabber.open(xlib.handle(), screen).orElseThrow(() -> unshared(display));
    }

    private static DisplayUnavailableException unshared(JvmDisplay display) {
        return new DisplayUnavailableException("The X display " + display.name() + " does not share memory (MIT-SHM) with this process, "
                + "which watching it live needs; run agentstream on the machine of the X server, or unset DISPLAY so it starts its own Xvfb.");
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } finally {
            xlib.close();
        }
    }
}
