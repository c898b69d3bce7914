package dev.agentstream.tools.computer.live;

import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.TestDisplay;
import java.awt.AWTException;
import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** The computer tests' display as the live desktop sees it, and independent views of it (AWT's Robot and pointer query). */
final class LiveDisplay {

    private LiveDisplay() {}

    static DisplayAccess start() {
        TestDisplay.start();
        return DisplayAccess.acquire(TestDisplay.config());
    }

    /** The environment for programs shown on the display. */
    static Map<String, String> environment(DisplayAccess display) {
        return Map.of("DISPLAY", display.name());
    }

    /** Where the X server has the pointer, asked on AWT's own connection. */
    static Point pointer() {
        return MouseInfo.getPointerInfo().getLocation();
    }

    /** The screen as Robot captures it (without the pointer). */
    static BufferedImage robotCapture() {
        try {
            return new Robot().createScreenCapture(new Rectangle(0, 0, TestDisplay.SIZE.width(), TestDisplay.SIZE.height()));
        } catch (AWTException e) {
            throw new IllegalStateException(e);
        }
    }

    static BufferedImage decode(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
