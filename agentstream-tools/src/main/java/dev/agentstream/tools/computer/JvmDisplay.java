package dev.agentstream.tools.computer;

import java.awt.AWTError;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one X display this JVM works on, with the devices on it: an Xlib connection for keyboard and mouse
 * input and for screenshots through X shared memory (MIT-SHM) with the pointer drawn in (XFixes), and AWT's
 * {@link Robot} for screenshots where shared memory cannot be used.
 *
 * <p>Why one per JVM: AWT connects to an X server once, when its toolkit initialises, using the
 * {@code DISPLAY} of the process's C environment; it cannot switch later, and when that server goes away
 * Xlib's I/O error handler ends the whole JVM. So the display is chosen on first use and kept until the JVM
 * exits. When {@code DISPLAY} is set it is used; otherwise (or when the config asks for its own display) an
 * Xvfb is started, {@code DISPLAY} is set in the C environment with {@code setenv} (Java's
 * {@code System.getenv} is a copy that cannot be changed, but AWT's native code reads the C one), and
 * {@code java.awt.headless} is set to false (Java decides headless mode from its own copy, where
 * {@code DISPLAY} is still unset). All of this happens before AWT initialises, which is why every use of the
 * computer tool goes through here first. The Xvfb stops after the JVM has exited (see {@link VirtualDisplay}).
 *
 * <p>Child processes get Java's copy of the environment, so programs started by other tools (a browser
 * from bash) need {@code DISPLAY=} {@link #name()} passed explicitly.
 */
final class JvmDisplay {

    private static final Logger log = LoggerFactory.getLogger(JvmDisplay.class);
    private static volatile JvmDisplay instance;

    private final String name;
    private final VirtualDisplay virtualDisplay;
    private final Robot robot;
    private final Xlib xlib;
    private final Keyboard keyboard;
    private final Mouse mouse;
    private final ReentrantLock lock = new ReentrantLock();
    private final boolean pointerSprites;
    private final List<Consumer<AppliedInput>> inputListeners = new CopyOnWriteArrayList<>();
    private ShmGrabber shm;
    private boolean shmRefused;

    private JvmDisplay(String name, VirtualDisplay virtualDisplay, Robot robot, Xlib xlib) {
        this.name = name;
        this.virtualDisplay = virtualDisplay;
        this.robot = robot;
        this.xlib = xlib;
        this.keyboard = new Keyboard(xlib);
        this.mouse = new Mouse(xlib);
        this.pointerSprites = PointerSprite.available(xlib.handle());
    }

    /** The display if one was acquired already, else null (nothing is started; never waits for a start under way). */
    static JvmDisplay current() {
        return instance;
    }

    /** The display, chosen and connected on the first call; later calls get the same one whatever they ask. */
    static synchronized JvmDisplay acquire(DisplaySize virtualSize, boolean alwaysStartVirtual) {
        if (instance != null) return instance;
        String inherited = System.getenv("DISPLAY");
        VirtualDisplay virtualDisplay = null;
        String name;
        if (inherited != null && !inherited.isBlank() && !alwaysStartVirtual) {
            name = inherited;
        } else {
            virtualDisplay = VirtualDisplay.start(virtualSize);
            name = virtualDisplay.name();
            NativeFunctions.callInt("c", "setenv", "DISPLAY", name, 1);
        }
        try {
            instance = connect(name, virtualDisplay);
        } catch (RuntimeException e) {
            if (virtualDisplay != null) virtualDisplay.close();
            throw e;
        }
        log.info("computer tool display: {} ({})", name, virtualDisplay == null ? "from DISPLAY" : virtualDisplay);
        return instance;
    }

    private static JvmDisplay connect(String name, VirtualDisplay virtualDisplay) {
        System.setProperty("java.awt.headless", "false");
        // Screen pixels, not HiDPI-scaled user-space units, so Robot captures are the screen's real size.
        if (System.getProperty("sun.java2d.uiScale") == null) System.setProperty("sun.java2d.uiScale", "1");
        if (GraphicsEnvironment.isHeadless()) {
            throw new DisplayUnavailableException("AWT in this JVM was already initialised without a display (headless), so the screen "
                    + "cannot be captured; let the computer tool run before anything else uses java.awt, or start the JVM with DISPLAY set.");
        }
        Robot robot;
        try {
            robot = new Robot();
        } catch (AWTException | AWTError e) {
            throw new DisplayUnavailableException("Cannot connect to the X display " + name + " (" + e.getMessage()
                    + "); check that its X server is running, or unset DISPLAY to get a virtual one.", e);
        }
        Xlib xlib = Xlib.open(name);
        JvmDisplay display = new JvmDisplay(name, virtualDisplay, robot, xlib);
        if (virtualDisplay == null) {
            // A display that outlives this JVM should not keep the characters we bound to spare keycodes.
            Runtime.getRuntime().addShutdownHook(new Thread(display::restoreKeyboardQuietly, "computer-keyboard-restore"));
        }
        return display;
    }

    String name() {
        return name;
    }

    boolean isVirtual() {
        return virtualDisplay != null;
    }

    Keyboard keyboard() {
        return keyboard;
    }

    Mouse mouse() {
        return mouse;
    }

    /** The screen's size now (it can change on a real display). */
    Resolution screenSize() {
        Rectangle bounds = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration().getBounds();
        return new Resolution(bounds.width, bounds.height);
    }

    /**
     * Captures {@code area} of the screen with the pointer drawn in. Through shared memory the whole screen
     * is fetched into {@code reuse} when it has the screen's size (else a new array), reporting the fraction
     * of rows done to {@code rowsDone}; callers hold the {@link #lock()}.
     */
    Frame capture(Rectangle area, int[] reuse, DoubleConsumer rowsDone) {
        long start = System.nanoTime();
        Resolution screen = screenSize();
        PixelBuffer pixels = captureShared(screen, reuse, rowsDone);
        String method = "shm";
        if (pixels == null) {
            BufferedImage captured = robot.createScreenCapture(area);
            pixels = PixelBuffer.of(captured);
            method = "robot";
            rowsDone.accept(1);
        } else if (area.x != 0 || area.y != 0 || area.width != screen.width() || area.height != screen.height()) {
            pixels = pixels.region(area);
        }
        Point pointer;
        if (pointerSprites) {
            PointerSprite sprite = PointerSprite.read(xlib.handle());
            pointer = sprite == null ? mouse.position() : sprite.position();
            if (sprite != null) sprite.drawOnto(pixels, area);
        } else {
            pointer = mouse.position();
        }
        return new Frame(pixels, area, pointer, (System.nanoTime() - start) / 1e6, method);
    }

    /** The screen through shared memory, or null when that cannot be used (then Robot captures). */
    private PixelBuffer captureShared(Resolution screen, int[] reuse, DoubleConsumer rowsDone) {
        if (shm != null && !shm.size().equals(screen)) {
            shm.close();
            shm = null;
        }
        if (shm == null) {
            if (shmRefused) return null;
            shm = ShmGrabber.open(xlib.handle(), screen).orElse(null);
            if (shm == null) {
                shmRefused = true;
                log.info("X shared memory is not available on {}; screenshots are captured with java.awt.Robot", name);
                return null;
            }
        }
        int[] target = reuse != null && reuse.length == screen.width() * screen.height() ? reuse : new int[screen.width() * screen.height()];
        if (!shm.grab(target, rows -> rowsDone.accept((double) rows / screen.height()))) {
            // The screen changed size under us: the next capture opens a grabber of the new size.
            shm.close();
            shm = null;
            return null;
        }
        return new PixelBuffer(target, 0, screen.width(), screen.width(), screen.height());
    }

    /** Input and capture from one call at a time, so an action's screenshot shows that action's effect. */
    ReentrantLock lock() {
        return lock;
    }

    /** Work done holding the {@link #lock()}. */
    interface Exclusive<T> {
        T run() throws InterruptedException;
    }

    /** Runs {@code work} holding the lock, then lets go of every key and button it left down by accident. */
    <T> T exclusively(Exclusive<T> work) throws InterruptedException {
        lock.lockInterruptibly();
        return releasingInput(work);
    }

    /** As {@link #exclusively}, or empty when someone else holds the lock for longer than {@code wait}. */
    <T> Optional<T> exclusivelyWithin(Duration wait, Exclusive<T> work) throws InterruptedException {
        if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) return Optional.empty();
        return Optional.of(releasingInput(work));
    }

    private <T> T releasingInput(Exclusive<T> work) throws InterruptedException {
        try {
            return work.run();
        } finally {
            try {
                keyboard.releaseAll();
                mouse.releaseStray();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Tells {@code listener} of every input action applied from now on, until the returned handle is closed. */
    AutoCloseable onInput(Consumer<AppliedInput> listener) {
        inputListeners.add(listener);
        return () -> inputListeners.remove(listener);
    }

    void published(AppliedInput input) {
        for (Consumer<AppliedInput> listener : inputListeners) {
            try {
                listener.accept(input);
            } catch (RuntimeException e) {
                log.warn("an input listener failed; the action itself was applied", e);
            }
        }
    }

    private void restoreKeyboardQuietly() {
        try {
            if (lock.tryLock(1, TimeUnit.SECONDS)) {
                try {
                    keyboard.restoreMapping();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            // the JVM is exiting; a spare keycode left bound is harmless
        }
    }
}
