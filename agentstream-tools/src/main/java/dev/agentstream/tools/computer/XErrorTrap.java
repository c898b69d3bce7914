package dev.agentstream.tools.computer;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs X requests that may fail with an X protocol error (shared memory a server cannot attach, a capture
 * outside a screen that shrank) under an error handler that records the error instead of Xlib's default
 * one, which ends the process. Xlib's handler is process-wide, so the previous one is put back afterwards.
 */
final class XErrorTrap {

    /** Xlib's {@code int (*XErrorHandler)(Display *, XErrorEvent *)}. */
    public interface Handler extends Callback {
        int invoke(Pointer display, Pointer event);
    }

    /** Offset of {@code error_code} in an {@code XErrorEvent} on 64-bit Linux. */
    private static final long ERROR_CODE_OFFSET = 32;
    private static final AtomicInteger LAST_ERROR = new AtomicInteger();
    // Held in a static field so the native function pointer stays valid for as long as Xlib may call it.
    private static final Handler RECORDING = (display, event) -> {
        LAST_ERROR.compareAndSet(0, event.getByte(ERROR_CODE_OFFSET) & 0xFF);
        return 0;
    };

    private XErrorTrap() {}

    /**
     * Runs {@code requests}, which must end with an {@code XSync} so their errors arrive before this
     * returns, and gives the first X error code they caused, or 0 for none.
     */
    static synchronized int run(Runnable requests) {
        LAST_ERROR.set(0);
        Object previous = NativeFunctions.callPointer("X11", "XSetErrorHandler", RECORDING);
        try {
            requests.run();
        } finally {
            NativeFunctions.callPointer("X11", "XSetErrorHandler", previous);
        }
        return LAST_ERROR.get();
    }
}
