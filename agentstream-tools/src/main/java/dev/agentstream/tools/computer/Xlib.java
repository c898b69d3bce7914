package dev.agentstream.tools.computer;

import java.awt.Point;

/**
 * One Xlib connection to an X display, used to synthesise input with the XTEST extension and to read the
 * keyboard mapping and the pointer. Not thread-safe: callers serialise their use (the display lock).
 *
 * <p>Arguments are checked before they reach the server, because an X protocol error on this connection
 * would reach Xlib's default error handler, which ends the process.
 */
final class Xlib implements AutoCloseable {

    static final long NO_SYMBOL = 0L;
    private static final String X11 = "X11";
    private static final String XTST = "Xtst";
    private static final long CURRENT_TIME = 0L;

    private final String displayName;
    private final Object display;
    private final int minKeycode;
    private final int maxKeycode;
    private boolean closed;

    private Xlib(String displayName, Object display) {
        this.displayName = displayName;
        this.display = display;
        int[] min = new int[1];
        int[] max = new int[1];
        NativeFunctions.callInt(X11, "XDisplayKeycodes", display, min, max);
        this.minKeycode = min[0];
        this.maxKeycode = max[0];
    }

    static Xlib open(String displayName) {
        Object display = NativeFunctions.callPointer(X11, "XOpenDisplay", displayName);
        if (display == null) {
            throw new DisplayUnavailableException("Cannot connect to the X display " + displayName
                    + "; check that its X server is running and accepts local connections.");
        }
        Xlib xlib = new Xlib(displayName, display);
        boolean xtest = NativeFunctions.callInt(XTST, "XTestQueryExtension", display, new int[1], new int[1], new int[1], new int[1]) != 0;
        if (!xtest) {
            xlib.close();
            throw new DisplayUnavailableException("The X display " + displayName + " has no XTEST extension, so input cannot be "
                    + "synthesised; use Xvfb or an X server built with XTEST.");
        }
        return xlib;
    }

    /** The Xlib {@code Display *}, for calls into other X libraries on this connection. */
    Object handle() {
        return display;
    }

    String displayName() {
        return displayName;
    }

    int minKeycode() {
        return minKeycode;
    }

    int maxKeycode() {
        return maxKeycode;
    }

    /** The keysym a name stands for (Xlib's own table: "Return", "Page_Down", "F5", "a"), or {@link #NO_SYMBOL}. */
    static long keysymOf(String name) {
        return NativeFunctions.callLong(X11, "XStringToKeysym", name);
    }

    /** The keyboard mapping: {@code result[keycode - minKeycode][column]}, NoSymbol where unbound. */
    long[][] keyboardMapping() {
        int count = maxKeycode - minKeycode + 1;
        int[] perKeycode = new int[1];
        Object symbols = NativeFunctions.callPointer(X11, "XGetKeyboardMapping", display, (byte) minKeycode, count, perKeycode);
        if (symbols == null) {
            throw new IllegalStateException("XGetKeyboardMapping returned nothing for display " + displayName + ".");
        }
        try {
            long[][] mapping = new long[count][perKeycode[0]];
            for (int code = 0; code < count; code++) {
                for (int column = 0; column < perKeycode[0]; column++) {
                    mapping[code][column] = NativeFunctions.readLong(symbols, 8L * (code * (long) perKeycode[0] + column));
                }
            }
            return mapping;
        } finally {
            NativeFunctions.callInt(X11, "XFree", symbols);
        }
    }

    /** Binds {@code keycode} to {@code keysyms} (one per column); all NoSymbol unbinds it. */
    void changeKeyboardMapping(int keycode, long[] keysyms) {
        checkKeycode(keycode);
        NativeFunctions.callInt(X11, "XChangeKeyboardMapping", display, keycode, keysyms.length, keysyms, 1);
    }

    void key(int keycode, boolean press) {
        checkKeycode(keycode);
        NativeFunctions.callInt(XTST, "XTestFakeKeyEvent", display, keycode, press ? 1 : 0, CURRENT_TIME);
    }

    /** Button 1 left, 2 middle, 3 right, 4/5 wheel up/down, 6/7 wheel left/right. */
    void button(int button, boolean press) {
        if (button < 1 || button > 7) throw new IllegalArgumentException("X button " + button + " is out of 1..7.");
        NativeFunctions.callInt(XTST, "XTestFakeButtonEvent", display, button, press ? 1 : 0, CURRENT_TIME);
    }

    void moveTo(int x, int y) {
        NativeFunctions.callInt(XTST, "XTestFakeMotionEvent", display, -1, x, y, CURRENT_TIME);
    }

    Point pointer() {
        long root = NativeFunctions.callLong(X11, "XDefaultRootWindow", display);
        long[] rootReturn = new long[1];
        long[] childReturn = new long[1];
        int[] rootX = new int[1];
        int[] rootY = new int[1];
        NativeFunctions.callInt(X11, "XQueryPointer", display, root, rootReturn, childReturn, rootX, rootY, new int[1], new int[1], new int[1]);
        return new Point(rootX[0], rootY[0]);
    }

    /** Waits until the server has processed every request sent so far, so their effects are visible to others. */
    void sync() {
        NativeFunctions.callInt(X11, "XSync", display, 0);
    }

    private void checkKeycode(int keycode) {
        if (keycode < minKeycode || keycode > maxKeycode) {
            throw new IllegalArgumentException("Keycode " + keycode + " is outside " + minKeycode + ".." + maxKeycode + ".");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        NativeFunctions.callInt(X11, "XCloseDisplay", display);
    }
}
