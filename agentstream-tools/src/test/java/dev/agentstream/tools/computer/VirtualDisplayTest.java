package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A virtual display of its own (not the one AWT uses), as {@code agentstream display} starts it. */
class VirtualDisplayTest {

    @Test
    void startsOnAFreeDisplayNumberAcceptsClientsAndStopsWhenClosed() {
        VirtualDisplay display = VirtualDisplay.start(new DisplaySize(320, 240, 24));
        try {
            assertThat(display.name()).matches(":\\d+");
            assertThat(display.isRunning()).isTrue();
            try (Xlib client = Xlib.open(display.name())) {
                client.moveTo(100, 50);
                client.sync();
                assertThat(client.pointer()).isEqualTo(new Point(100, 50));
            }
        } finally {
            display.close();
        }
        assertThat(display.isRunning()).isFalse();
        assertThat(display.onExit()).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void anXErrorInsideTheTrapIsReportedInsteadOfEndingTheProcess() {
        VirtualDisplay display = VirtualDisplay.start(new DisplaySize(320, 240, 24));
        try (Xlib client = Xlib.open(display.name())) {
            int error = XErrorTrap.run(client.handle(), () -> {
                NativeFunctions.callInt("X11", "XMapWindow", client.handle(), 0x3FFFFFFFL);
                client.sync();
            });
            assertThat(error).as("BadWindow").isEqualTo(3);
            assertThat(XErrorTrap.run(client.handle(), client::sync)).isZero();
            client.moveTo(10, 20);
            client.sync();
            assertThat(client.pointer()).isEqualTo(new Point(10, 20));
        } finally {
            display.close();
        }
    }

    @Test
    void aRunningDisplayLeavesNoLogFileBehind(@TempDir Path temp) throws Exception {
        VirtualDisplay display = VirtualDisplay.start(new DisplaySize(320, 240, 24), VirtualDisplay.locateXvfb(System.getenv("PATH")), temp);
        try {
            assertThat(display.isRunning()).isTrue();
            try (var files = Files.list(temp)) {
                assertThat(files).isEmpty();
            }
        } finally {
            display.close();
        }
    }

    @Test
    void withoutXvfbTheErrorNamesThePackageToInstall() {
        assertThatThrownBy(() -> VirtualDisplay.locateXvfb("/nonexistent:/also-missing"))
                .isInstanceOf(DisplayUnavailableException.class)
                .hasMessage("No X display: DISPLAY is not set and Xvfb is not installed; install the xvfb package "
                        + "(apt-get install xvfb) or set DISPLAY to a running X server.");
    }
}
