package dev.agentstream.tools.computer;

import java.awt.Point;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Moves the pointer and presses buttons with XTEST, in screen pixels, remembering which buttons are down. */
final class Mouse {

    static final int LEFT = 1;
    static final int MIDDLE = 2;
    static final int RIGHT = 3;
    /** Between the clicks of a double or triple click, as xdotool's {@code click --delay 10}. */
    private static final long MULTI_CLICK_GAP_MS = 10;
    /** A drag moves in steps so applications see motion with the button down, not one jump. */
    private static final int DRAG_STEPS = 10;
    private static final long DRAG_STEP_MS = 8;

    private final Xlib xlib;
    private final Set<Integer> pressed = new LinkedHashSet<>();
    /** Buttons left down on purpose (left_mouse_down) until a later call lets go. */
    private final Set<Integer> held = new LinkedHashSet<>();

    Mouse(Xlib xlib) {
        this.xlib = xlib;
    }

    void moveTo(Point screen) {
        xlib.moveTo(screen.x, screen.y);
        xlib.sync();
    }

    Point position() {
        return xlib.pointer();
    }

    void press(int button) {
        xlib.button(button, true);
        pressed.add(button);
        xlib.sync();
    }

    void release(int button) {
        xlib.button(button, false);
        pressed.remove(button);
        xlib.sync();
    }

    /** Presses a button and keeps it down after the call ends. */
    void hold(int button) {
        press(button);
        held.add(button);
    }

    /** Lets go of a button whether or not it was held. */
    void letGo(int button) {
        held.remove(button);
        release(button);
    }

    boolean isHeld(int button) {
        return held.contains(button);
    }

    void click(int button, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            if (i > 0) Thread.sleep(MULTI_CLICK_GAP_MS);
            press(button);
            release(button);
        }
    }

    /** One wheel click per unit: X buttons 4 up, 5 down, 6 left, 7 right. */
    void scroll(ScrollDirection direction, int amount) {
        for (int i = 0; i < amount; i++) {
            xlib.button(direction.xButton(), true);
            xlib.button(direction.xButton(), false);
        }
        xlib.sync();
    }

    void drag(Point from, Point to) throws InterruptedException {
        moveTo(from);
        press(LEFT);
        try {
            for (int step = 1; step <= DRAG_STEPS; step++) {
                Thread.sleep(DRAG_STEP_MS);
                moveTo(new Point(from.x + (to.x - from.x) * step / DRAG_STEPS, from.y + (to.y - from.y) * step / DRAG_STEPS));
            }
        } finally {
            release(LEFT);
        }
    }

    /** Releases every button a call left down by accident (cancelled, failed), keeping deliberate holds. */
    void releaseStray() {
        List<Integer> down = new ArrayList<>(pressed);
        for (int button : down) {
            if (!held.contains(button)) release(button);
        }
    }
}
