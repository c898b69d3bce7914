package dev.agentstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.EventJson;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The page in a real headless Chromium, against a real server, real bash and a fake Anthropic API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServePageBrowserTest {

    private Browser browser;

    @TempDir
    Path home;

    @BeforeAll
    void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    private ServeHarness serve() throws Exception {
        Path dir = Files.createTempDirectory(home, "test");
        Path work = Files.createDirectories(dir.resolve("work"));
        return new ServeHarness(dir, new BashTool(BashConfig.defaults().withWorkingDirectory(work)));
    }

    private void open(ServeHarness h) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(h.server.pageUrl().toString());
        browser.await(d -> d.getCurrentUrl().endsWith("/") && !d.findElements(By.id("task")).isEmpty());
    }

    private void send(String task) {
        browser.driver.findElement(By.id("task")).sendKeys(task, Keys.ENTER);
    }

    private String text(String css) {
        var found = browser.driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private void awaitText(String css, String expected) {
        browser.await(d -> text(css).contains(expected));
    }

    private static String bashInput(String command) {
        return "{\"command\": " + EventJson.mapper().getNodeFactory().textNode(command) + "}";
    }

    @Test
    void text_appears_in_steps_before_the_turn_ends_with_the_turns_tokens_and_cost() throws Exception {
        AtomicBoolean seen = new AtomicBoolean();
        try (ServeHarness h = serve()) {
            h.api.reply(SseScript.reply(1200, 0, 0).text("Hello from ")
                    .awaitUntil(seen::get, Duration.ofSeconds(60))
                    .text("the fake model.").outputTokens(34).end("end_turn"));
            open(h);

            send("say hello");

            awaitText(".turn .text", "Hello from");
            // The reply is held until the page has shown its first words: the rest cannot be there yet.
            assertThat(text(".turn .text")).doesNotContain("the fake model.");
            assertThat(browser.driver.findElements(By.cssSelector(".end"))).isEmpty();
            assertThat(text(".task")).isEqualTo("say hello");
            seen.set(true);
            awaitText(".end", "Done.");
            assertThat(text(".turn .text")).isEqualTo("Hello from the fake model.");
            assertThat(text(".turn .usage")).contains("1200 in", "34 out", "$");
            assertThat(h.api.request(0).lastMessage().path("content").toString()).contains("say hello");
        }
    }

    @Test
    void a_bash_card_shows_its_first_line_while_the_command_runs_in_colour_with_carriage_returns_collapsed() throws Exception {
        try (ServeHarness h = serve()) {
            String command = "printf '\\033[31mred\\033[0m plain\\n'; printf 'aaaa\\rbb\\n'; echo first-line; "
                    + "until [ -e go ]; do sleep 0.05; done; echo second-line";
            h.api.reply(SseScript.reply().text("Running it.").toolUse("toolu_b", "bash", bashInput(command)).end("tool_use"));
            h.api.reply(SseScript.reply().text("It printed two lines.").end("end_turn"));
            open(h);

            send("run the script");

            String card = ".card[data-call='toolu_b']";
            awaitText(card + " .output", "first-line");
            WebElement cardElement = browser.driver.findElement(By.cssSelector(card));
            assertThat(cardElement.getAttribute("class")).contains("running");
            assertThat(text(card + " .output")).doesNotContain("second-line");
            assertThat(text(card + " .tool-input")).contains("echo first-line");
            WebElement red = cardElement.findElement(By.xpath(".//span[text()='red']"));
            assertThat(red.getCssValue("color")).isEqualTo("rgba(205, 49, 49, 1)");
            assertThat(text(card + " .output").lines()).contains("bbaa").doesNotContain("aaaa");
            // The page mid-session, for the README (docs/serve-page.png is copied from here).
            Files.write(Path.of("target", "serve-page.png"), browser.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

            Files.createFile(h.work.resolve("go"));

            awaitText(card + " .card-footer", "exit 0");
            assertThat(text(card + " .output")).contains("second-line");
            assertThat(text(card + " .card-footer")).matches("exit 0 · \\d+(\\.\\d+)? m?s");
            awaitText(".end", "Done.");
        }
    }

    @Test
    void the_progress_bar_follows_the_percentages_the_command_prints() throws Exception {
        try (ServeHarness h = serve()) {
            String command = "echo 'step 25%'; until [ -e a ]; do sleep 0.05; done; echo 'step 75%'; until [ -e b ]; do sleep 0.05; done; echo end";
            h.api.reply(SseScript.reply().toolUse("toolu_p", "bash", bashInput(command)).end("tool_use"));
            h.api.reply(SseScript.reply().text("Finished.").end("end_turn"));
            open(h);

            send("show progress");

            String bar = ".card[data-call='toolu_p'] .bar";
            browser.await(d -> "0.25".equals(value(bar)));
            Files.createFile(h.work.resolve("a"));
            browser.await(d -> "0.75".equals(value(bar)));
            Files.createFile(h.work.resolve("b"));
            awaitText(".card[data-call='toolu_p'] .card-footer", "exit 0");
            assertThat(value(bar)).isEqualTo("1");
        }
    }

    private String value(String css) {
        var found = browser.driver.findElements(By.cssSelector(css));
        if (found.isEmpty() || found.get(0).getDomAttribute("value") == null) return null;
        return found.get(0).getDomProperty("value");
    }

    @Test
    void stop_cancels_the_running_call_and_its_process_is_gone() throws Exception {
        try (ServeHarness h = serve()) {
            h.api.reply(SseScript.reply().toolUse("toolu_s", "bash", bashInput("echo started; sleep 6161; echo never")).end("tool_use"));
            h.api.reply(SseScript.reply().text("Stopped as you asked.").end("end_turn"));
            open(h);

            send("sleep a long time");

            String card = ".card[data-call='toolu_s']";
            awaitText(card + " .output", "started");
            browser.await(d -> sleepRuns());
            browser.driver.findElement(By.id("stop")).click();

            browser.await(d -> browser.driver.findElement(By.cssSelector(card)).getAttribute("class").contains("cancelled"));
            browser.await(d -> !sleepRuns());
            assertThat(text(card + " .output")).doesNotContain("never");
            assertThat(text(card + " .card-footer")).contains("cancelled");
            awaitText(".end", "Done.");
            assertThat(h.api.request(1).lastMessage().toString()).contains("toolu_s", "cancel");
        }
    }

    @Test
    void escape_cancels_the_running_call_like_stop() throws Exception {
        try (ServeHarness h = serve()) {
            h.api.reply(SseScript.reply().toolUse("toolu_e", "bash", bashInput("echo started; sleep 6161")).end("tool_use"));
            h.api.reply(SseScript.reply().text("Stopped.").end("end_turn"));
            open(h);

            send("sleep a long time");

            awaitText(".card[data-call='toolu_e'] .output", "started");
            browser.await(d -> sleepRuns());
            browser.await(d -> "running".equals(browser.driver.findElement(By.tagName("body")).getDomAttribute("data-state")));
            browser.driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);

            browser.await(d -> !sleepRuns());
            awaitText(".card[data-call='toolu_e'] .card-footer", "cancelled");
        }
    }

    private static boolean sleepRuns() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command().orElse("").endsWith("/sleep")
                && List.of("6161").equals(p.info().arguments().map(List::of).orElse(List.of())));
    }

    @Test
    void a_reload_mid_session_replays_what_was_shown_and_the_stream_goes_on() throws Exception {
        try (ServeHarness h = serve()) {
            String command = "echo first-line; until [ -e go ]; do sleep 0.05; done; echo second-line";
            h.api.reply(SseScript.reply().text("Working.").toolUse("toolu_r", "bash", bashInput(command)).end("tool_use"));
            h.api.reply(SseScript.reply().text("All done.").end("end_turn"));
            open(h);
            send("work slowly");
            String card = ".card[data-call='toolu_r']";
            awaitText(card + " .output", "first-line");

            browser.driver.navigate().refresh();

            awaitText(card + " .output", "first-line");
            assertThat(text(".task")).isEqualTo("work slowly");
            assertThat(browser.driver.getCurrentUrl()).contains("#session=");
            Files.createFile(h.work.resolve("go"));
            awaitText(card + " .output", "second-line");
            awaitText(".end", "Done.");
            assertThat(browser.driver.findElements(By.cssSelector(card))).hasSize(1);
            assertThat(text("#chat")).contains("Working.", "All done.");
        }
    }

    @Test
    void a_saved_session_opens_as_a_timeline_to_step_through_resumes_with_a_new_task_and_exports_to_one_file() throws Exception {
        try (ServeHarness h = serve()) {
            h.api.reply(SseScript.reply().text("First answer.").toolUse("toolu_t", "bash", bashInput("echo from-the-tool")).end("tool_use"));
            h.api.reply(SseScript.reply().text("Tool said hi.").end("end_turn"));
            h.api.reply(SseScript.reply().text("Second answer.").end("end_turn"));
            open(h);
            send("first task");
            awaitText(".end", "Done.");
            String session = browser.driver.getCurrentUrl().replaceAll(".*#session=", "");

            browser.driver.findElement(By.id("new-session")).click();
            browser.driver.findElement(By.id("refresh-sessions")).click();
            String item = "#session-list li[data-session='" + session + "']";
            awaitText(item + " .session-title", "first task");
            browser.driver.findElement(By.cssSelector(item + " button.open")).click();

            awaitText("#chat .card[data-call='toolu_t'] .output", "from-the-tool");
            String all = text(".step-position");
            assertThat(all).matches("(\\d+) / \\1");
            int steps = Integer.parseInt(all.split(" / ")[0]);
            assertThat(text("#chat")).contains("first task", "First answer.", "Tool said hi.");
            for (int i = 0; i < steps; i++) browser.driver.findElement(By.cssSelector(".step-back")).click();
            awaitText(".step-position", "0 / " + steps);
            assertThat(text("#chat")).isEmpty();
            // Step forward until the task shows (the session's start comes first and draws nothing).
            for (int i = 0; i < steps && browser.driver.findElements(By.cssSelector("#chat .task")).isEmpty(); i++) {
                browser.driver.findElement(By.cssSelector(".step-next")).click();
            }
            awaitText("#chat .task", "first task");
            assertThat(text(".step-position")).isNotEqualTo(steps + " / " + steps);
            assertThat(text("#chat")).doesNotContain("First answer.");

            browser.driver.findElement(By.cssSelector(item + " button.resume")).click();
            awaitText("#chat", "Tool said hi.");
            send("second task");
            awaitText("#chat", "Second answer.");
            var resumed = h.api.request(2).body().path("messages");
            assertThat(resumed.toString()).contains("first task", "from-the-tool", "second task");

            var export = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(h.server.baseUrl() + "/api/sessions/" + session + "/export"))
                    .header("Cookie", AccessFilter.cookieName(java.net.URI.create(h.server.baseUrl()).getPort()) + "=" + h.token.value()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.body()).doesNotContain("/static/", "src=\"http", "import {");
            Path file = h.home.resolve("export.html");
            Files.writeString(file, export.body());
            browser.driver.get(file.toUri().toString());
            awaitText("#chat", "Second answer.");
            assertThat(text("#chat")).contains("first task", "from-the-tool", "second task");
            assertThat(browser.driver.findElements(By.cssSelector(".step-back"))).hasSize(1);
        }
    }

    @Test
    void the_page_is_refused_without_the_token() throws Exception {
        try (ServeHarness h = serve()) {
            browser.driver.manage().deleteAllCookies();
            browser.driver.get(h.server.baseUrl() + "/");
            awaitText("body", "needs its token");
            assertThat(browser.driver.findElements(By.id("task"))).isEmpty();

            browser.driver.get(h.server.baseUrl() + "/?token=not-the-token-at-all");
            awaitText("body", "not this server's");
        }
    }
}
