package dev.agentstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.DisplaySize;
import java.awt.MouseInfo;
import java.awt.Point;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The live desktop pane on the computer tool's own Xvfb: it follows the screen, and a person's click lands. */
class ServeDesktopBrowserTest {

    private static final ComputerConfig CONFIG = ComputerConfig.defaults().withDisplaySize(new DisplaySize(1280, 800, 24)).withAlwaysStartDisplay(true);
    /** A cheap fingerprint of what the canvas shows. */
    private static final String CANVAS_HASH = "const c = document.querySelector('canvas.screen');"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "let h = 0; for (let i = 0; i < d.length; i += 13) h = (h * 31 + d[i]) | 0; return h;";

    @TempDir
    Path home;

    @Test
    void the_pane_changes_when_a_window_opens_and_a_take_over_click_lands_and_is_told_to_the_model() throws Exception {
        ComputerTool computer = new ComputerTool(CONFIG);
        DisplayAccess display = DisplayAccess.acquire(CONFIG);
        try (ServeHarness h = new ServeHarness(home, Optional.of(display), computer); Browser browser = new Browser()) {
            h.api.reply(SseScript.reply().text("Ready.").end("end_turn"));
            h.api.reply(SseScript.reply().text("I see what you clicked.").end("end_turn"));
            browser.driver.get(h.server.pageUrl().toString());
            browser.await(d -> !d.findElements(By.id("task")).isEmpty());
            WebElement pane = browser.driver.findElement(By.id("desktop"));
            browser.await(d -> pane.getDomAttribute("data-frames") != null);
            assertThat(pane.isDisplayed()).isTrue();
            long before = hash(browser);
            int framesBefore = Integer.parseInt(pane.getDomAttribute("data-frames"));

            ProcessBuilder xmessage = new ProcessBuilder("xmessage", "-geometry", "+200+150", "a window the page must show").inheritIO();
            xmessage.environment().put("DISPLAY", display.name());
            Process window = xmessage.start();
            window.getOutputStream().close();
            try {
                browser.await(d -> hash(browser) != before);
                assertThat(Integer.parseInt(pane.getDomAttribute("data-frames"))).isGreaterThan(framesBefore);
                takeOverClickLandsAndIsToldToTheModel(h, browser, pane);
            } finally {
                window.destroy();
                window.waitFor();
            }
        }
    }

    private static void takeOverClickLandsAndIsToldToTheModel(ServeHarness h, Browser browser, WebElement pane) throws Exception {
        browser.driver.findElement(By.id("task")).sendKeys("get ready", Keys.ENTER);
        browser.await(d -> d.findElement(By.id("chat")).getText().contains("Ready."));
        browser.await(d -> "idle".equals(d.findElement(By.tagName("body")).getDomAttribute("data-state")));
        browser.driver.findElement(By.id("take-over")).click();
        browser.await(d -> pane.getAttribute("class").contains("taking-over"));

        // A point on the canvas, in page pixels, and the screen pixel it stands for.
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) browser.driver.executeScript(
                "const r = document.querySelector('canvas.screen').getBoundingClientRect(); return [r.left, r.top, r.width, r.height];");
        double left = box.get(0).doubleValue(), top = box.get(1).doubleValue(), width = box.get(2).doubleValue(), height = box.get(3).doubleValue();
        int pageX = (int) Math.round(left + width * 0.7), pageY = (int) Math.round(top + height * 0.6);
        Point expected = new Point((int) Math.round((pageX - left) * 1280 / width), (int) Math.round((pageY - top) * 800 / height));
        new Actions(browser.driver).moveToLocation(pageX, pageY).click().perform();

        browser.await(d -> d.findElement(By.cssSelector("#desktop .desktop-status")).getText().startsWith("Left-clicked at"));
        Point pointer = MouseInfo.getPointerInfo().getLocation();
        assertThat(Math.abs(pointer.x - expected.x)).as("pointer %s, expected %s", pointer, expected).isLessThanOrEqualTo(1);
        assertThat(Math.abs(pointer.y - expected.y)).as("pointer %s, expected %s", pointer, expected).isLessThanOrEqualTo(1);
        assertThat(browser.driver.findElement(By.id("chat")).getText()).contains("You (take-over): Left-clicked at");
        // The page with its desktop pane, for the README (docs/serve-desktop.png is copied from here).
        java.nio.file.Files.write(Path.of("target", "serve-desktop.png"),
                browser.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

        browser.driver.findElement(By.id("hand-back")).click();
        browser.await(d -> d.findElement(By.id("chat")).getText().contains("I see what you clicked."));
        String told = h.api.request(1).lastMessage().toString();
        assertThat(told).contains("the person took over the desktop", "Left-clicked at (", "I handed the desktop back to you");
    }

    private static long hash(Browser browser) {
        return ((Number) browser.driver.executeScript(CANVAS_HASH)).longValue();
    }

}
