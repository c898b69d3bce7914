package dev.agentstream.tools.computer;

import java.time.Duration;

/**
 * The virtual display every computer test works on: one Xvfb for the whole test JVM, started by the tests
 * (never the DISPLAY of whoever runs them), because AWT connects to one display per JVM. 1920x1200 is
 * scaled to WXGA (1280x800), so every test also crosses the scaling in both directions.
 */
public final class TestDisplay {

    public static final DisplaySize SIZE = new DisplaySize(1920, 1200, 24);
    public static final Resolution MODEL = Resolution.WXGA;

    private TestDisplay() {}

    public static ComputerConfig config() {
        return ComputerConfig.defaults()
                .withDisplaySize(SIZE)
                .withAlwaysStartDisplay(true)
                .withSettleQuiet(Duration.ofMillis(150));
    }

    /** Starts the display if this JVM has none yet (before any AWT use) and returns its name. */
    public static String start() {
        beforeAwt();
        try {
            return new ComputerTool(config()).display();
        } catch (DisplayUnavailableException e) {
            throw new AssertionError(e.getMessage() + " In tests this means an earlier test class in this JVM used java.awt "
                    + "first: the computer tests need a JVM of their own (a separate surefire execution).", e);
        }
    }

    /**
     * For tests that use java.awt images without the display: AWT decides once per JVM whether it is
     * headless, the first time its native library loads (any BufferedImage), and with DISPLAY unset it
     * would decide yes, leaving the display tests that run later in this JVM unable to capture the screen.
     */
    public static void beforeAwt() {
        System.setProperty("java.awt.headless", "false");
    }
}
