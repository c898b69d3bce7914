package dev.agentstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.computer.DisplaySize;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A screenshot the computer tool takes on its own Xvfb shows inline in its card. */
class ServeScreenshotBrowserTest {

    @TempDir
    Path home;

    @Test
    void a_screenshot_shows_in_its_card() throws Exception {
        // The computer tool starts its own Xvfb (never the DISPLAY of whoever runs the tests).
        ComputerTool computer = new ComputerTool(ComputerConfig.defaults().withDisplaySize(new DisplaySize(1280, 800, 24)).withAlwaysStartDisplay(true));
        try (ServeHarness h = new ServeHarness(home, computer); Browser browser = new Browser()) {
            h.api.reply(SseScript.reply().toolUse("toolu_shot", "computer", "{\"action\": \"screenshot\"}").end("tool_use"));
            h.api.reply(SseScript.reply().text("I see the desktop.").end("end_turn"));
            browser.driver.get(h.server.pageUrl().toString());
            browser.await(d -> !d.findElements(By.id("task")).isEmpty());

            browser.driver.findElement(By.id("task")).sendKeys("take a screenshot", Keys.ENTER);

            WebElement image = browser.await(d -> d.findElements(By.cssSelector(".card[data-call='toolu_shot'] img.screenshot"))
                    .stream().findFirst().orElse(null));
            browser.await(d -> ((Number) browser.driver.executeScript("return arguments[0].naturalWidth", image)).intValue() > 0);
            long width = ((Number) browser.driver.executeScript("return arguments[0].naturalWidth", image)).longValue();
            long height = ((Number) browser.driver.executeScript("return arguments[0].naturalHeight", image)).longValue();
            assertThat(width).isEqualTo(1280);
            assertThat(height).isEqualTo(800);
            assertThat(image.getAttribute("src")).startsWith("data:image/png;base64,");
            browser.await(d -> d.findElement(By.cssSelector(".card[data-call='toolu_shot'] .card-footer")).getText().contains("s"));
        }
    }
}
