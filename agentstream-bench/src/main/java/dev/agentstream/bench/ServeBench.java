package dev.agentstream.bench;

import dev.agentstream.agent.AgentHome;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.agent.testing.FakeAnthropicServer;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.mcp.BearerToken;
import dev.agentstream.mcp.HttpAccess;
import dev.agentstream.server.AgentServer;
import dev.agentstream.server.LoopFactory;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code agentstream serve} measured: the latency from a line a command prints to that line on the page
 * (in Debian's headless Chromium, on the same clock), and the memory of the server with 10 open sessions.
 * The model is the fake Anthropic server; bash runs without the sandbox.
 * Arguments: RUNS OUT.md
 */
public final class ServeBench {

    private static final int LINES_PER_RUN = 20;
    private static final String OBSERVER = "window.__lat = []; const seen = new Set();"
            + "new MutationObserver(() => { for (const row of document.querySelectorAll('.term-row')) {"
            + "  const m = /T=(\\d+)/.exec(row.textContent); if (m && !seen.has(m[1])) { seen.add(m[1]); window.__lat.push(Date.now() - Number(m[1])); } }"
            + "}).observe(document.getElementById('chat'), {subtree: true, childList: true, characterData: true});";

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Path home = Files.createTempDirectory("agentstream-serve-bench");
        Path work = Files.createDirectories(home.resolve("work"));
        BearerToken token = BearerToken.generate();
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            AgentSettings settings = AgentSettings.builder().apiKey("bench").baseUrl(api.baseUrl()).home(new AgentHome(home)).workingDirectory(work).build();
            ToolRegistry registry = new ToolRegistry().register(new BashTool(BashConfig.defaults().withWorkingDirectory(work)));
            LoopFactory loops = LoopFactory.of(settings, registry, RuntimeConfig.defaults().withSpoolDir(home.resolve("spool")));
            try (AgentServer server = AgentServer.start(new HttpAccess("127.0.0.1", 0, Optional.of(token), List.of()),
                    new TranscriptStore(home.resolve("sessions")), loops)) {
                Memory before = Memory.now();
                for (int i = 0; i < 10; i++) {
                    api.reply(SseScript.reply().toolUse("toolu_m" + i, "bash", "{\"command\": \"seq 1 50000\"}").end("tool_use"));
                    api.reply(SseScript.reply().text("Counted.").end("end_turn"));
                    runTask(server, token, "count to 50000");
                }
                Memory tenSessions = Memory.now();

                List<Double> runMedians = new ArrayList<>();
                String browserVersion;
                List<Long> all = new ArrayList<>();
                ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
                ChromeOptions options = new ChromeOptions();
                options.setBinary("/usr/bin/chromium");
                options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800");
                ChromeDriver driver = new ChromeDriver(service, options);
                browserVersion = driver.getCapabilities().getBrowserVersion();
                try {
                    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(50));
                    driver.get(server.pageUrl().toString());
                    for (int run = 0; run < runs; run++) {
                        api.reply(SseScript.reply().toolUse("toolu_l" + run, "bash", "{\"command\": \"for i in $(seq 1 " + LINES_PER_RUN
                                + "); do echo \\\"T=$(date +%s%3N)\\\"; sleep 0.2; done\"}").end("tool_use"));
                        api.reply(SseScript.reply().text("Printed.").end("end_turn"));
                        // A fresh page each run: a new session, and only this run's observer.
                        driver.get(server.baseUrl() + "/");
                        wait.until(d -> !d.findElements(By.id("task")).isEmpty());
                        driver.executeScript(OBSERVER);
                        driver.findElement(By.id("task")).sendKeys("print timestamps", Keys.ENTER);
                        wait.until(d -> !d.findElements(By.cssSelector(".end")).isEmpty());
                        List<Long> latencies = new ArrayList<>();
                        for (Object value : (List<?>) driver.executeScript("return window.__lat")) latencies.add(((Number) value).longValue());
                        all.addAll(latencies);
                        runMedians.add(BenchSupport.median(latencies, Long::doubleValue));
                    }
                } finally {
                    driver.quit();
                    service.stop();
                }
                Collections.sort(all);
                double p95 = all.get((int) Math.ceil(all.size() * 0.95) - 1);
                Files.writeString(out, report(runs, browserVersion, BenchSupport.median(runMedians, d -> d), p95, all.size(), before, tenSessions));
            }
        }
    }

    /** Sends a task through the API and reads the session's events until it ends. */
    private static void runTask(AgentServer server, BearerToken token, String task) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/sessions"))
                .header("Authorization", "Bearer " + token.value())
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"" + task + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String session = EventJson.mapper().readTree(started.body()).path("session").asText();
        HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/sessions/" + session + "/events"))
                .header("Authorization", "Bearer " + token.value()).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains("\"type\":\"session_end\"")) return;
            }
        }
    }

    /** The server JVM's heap in use after a full collection, its resident memory, and its shells' resident memory, in MiB. */
    record Memory(double heapMiB, double rssMiB, double shellsRssMiB, long shells) {
        static Memory now() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
            List<ProcessHandle> shells = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("/bash")).toList();
            double shellsRss = 0;
            for (ProcessHandle shell : shells) shellsRss += rssMiB(shell.pid());
            return new Memory(heap, rssMiB(ProcessHandle.current().pid()), shellsRss, shells.size());
        }

        private static double rssMiB(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
                }
            } catch (Exception e) {
                // gone
            }
            return 0;
        }
    }

    private static String report(int runs, String browserVersion, double medianMs, double p95Ms, int samples, Memory before, Memory ten) throws Exception {
        return String.format(Locale.ROOT, """
                ## serve

                %s, Java %s, %s; headless Chromium %s through chromedriver; the model played by the fake Anthropic server; bash without the sandbox.

                | measure | value |
                |---|---:|
                | latency, a line printed by bash → the same line on the page (median of %d runs' medians, %d lines each) | %.0f ms |
                | latency, 95th percentile of all %d lines | %.0f ms |
                | server JVM heap in use after GC: no session → 10 open sessions (each ran `seq 1 50000`) | %.1f → %.1f MiB |
                | server JVM resident memory: no session → 10 open sessions | %.0f → %.0f MiB |
                | the 10 sessions' bash shells, resident memory together | %.0f MiB (%d shells) |

                Latency is measured in the page: bash prints `T=<epoch ms>` (from `date`, so the start of `date` counts too), and a
                MutationObserver in the page takes `Date.now()` when the line appears in the card's terminal. The path: pseudo-terminal →
                bash tool → agent loop → event log → SSE → EventSource → render. Desktop frames per second and CPU at 1280x800 are in
                the live desktop section (the frames the page is sent). Reproduce: `agentstream-bench/run serve` (RUNS, default 5).
                """, LocalDate.now(), Runtime.version(), BenchSupport.machine(), browserVersion,
                runs, LINES_PER_RUN, medianMs, samples, p95Ms, before.heapMiB(), ten.heapMiB(), before.rssMiB(), ten.rssMiB(), ten.shellsRssMiB(), ten.shells());
    }
}
