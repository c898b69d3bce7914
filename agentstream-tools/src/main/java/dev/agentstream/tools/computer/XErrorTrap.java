package dev.agentstream.tools.computer;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs X requests that may fail with an X protocol error (shared memory a server cannot attach, a capture
 * outside a screen that shrank) under an error handler that records the error instead of Xlib's default
 * one, which ends the process. Xlib's handler is process-wide: errors of other connections (AWT's) that
 * arrive meanwhile are passed on to the previous handler, which is put back afterwards.
 */
final class XErrorTrap {

    /** Xlib's {@code int (*XErrorHandler)(Display *, XErrorEvent *)}. */
    public interface Handler extends Callback {
        int invoke(Pointer display, Pointer event);
    }

    /** Offset of {@code error_code} in an {@code XErrorEvent} on 64-bit Linux. */
    private static final long ERROR_CODE_OFFSET = 32;
    private static final AtomicInteger LAST_ERROR = new AtomicInteger();
    private static volatile Pointer trapped;
    private static volatile Pointer previous;
    // Held in a static field so the native function pointer stays valid for as long as Xlib may call it.
    private static final Handler RECORDING = (display, event) -> {
        if (display != null && display.equals(trapped)) {
            LAST_ERROR.compareAndSet(0, event.getByte(ERROR_CODE_OFFSET) & 0xFF);
            return 0;
        }
        // An error of another connection (AWT's) meanwhile goes to the handler it was meant for.
        Pointer chained = previous;
        return chained == null ? 0 : Function.getFunction(chained).invokeInt(new Object[] {display, event});
    };

    private XErrorTrap() {}

    /**
     * Runs {@code requests} on the connection {@code display}, which must end with an {@code XSync} so their
     * errors arrive before this returns, and gives the first X error code they caused, or 0 for none.
     */
    static synchronized int run(Object display, Runnable requests) {
        LAST_ERROR.set(0);
        trapped = (Pointer) display;
        previous = (Pointer) NativeFunctions.callPointer("X11", "XSetErrorHandler", RECORDING);
        try {
            requests.run();
        } finally {
            NativeFunctions.callPointer("X11", "XSetErrorHandler", previous);
            trapped = null;
        }
        return LAST_ERROR.get();
    }
}
