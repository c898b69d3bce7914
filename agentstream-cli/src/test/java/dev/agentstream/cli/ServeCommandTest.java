package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.agent.testing.FakeAnthropicServer;
import dev.agentstream.agent.testing.SseScript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentstream serve} in its own JVM: the URL on the first line, the token, a task run through the fake API. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeCommandTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private CliProcess serve(FakeAnthropicServer api, String... extra) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Map<String, String> env = Map.of("ANTHROPIC_API_KEY", "test-key", "ANTHROPIC_BASE_URL", api.baseUrl(),
                "AGENTSTREAM_HOME", dir.resolve("home").toString());
        String[] args = new String[4 + extra.length];
        System.arraycopy(new String[] {"serve", "--port", "0", "--root=" + work}, 0, args, 0, 4);
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliProcess serve = CliProcess.start(dir, env, args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (serve.stdout.isEmpty() && serve.process.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
        return serve;
    }

    private static void stop(CliProcess serve) throws InterruptedException {
        // SIGTERM, as a person's kill would: the shutdown hook ends the sessions and the display.
        serve.process.destroy();
        if (!serve.process.waitFor(30, TimeUnit.SECONDS)) serve.process.destroyForcibly();
    }

    @Test
    void prints_the_page_url_with_its_token_first_and_runs_a_task_from_the_api() throws Exception {
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            api.reply(SseScript.reply().text("Hello from serve.").end("end_turn"));
            CliProcess serve = serve(api, "--sandbox", "off");
            try {
                assertThat(serve.stdout).as(serve.process.isAlive() ? "" : serve.stderr.get()).isNotEmpty();
                String url = serve.stdout.get(0).text();
                assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{43}");
                URI page = URI.create(url);
                String base = "http://127.0.0.1:" + page.getPort();

                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
                HttpResponse<String> first = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(first.statusCode()).isEqualTo(303);
                String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

                HttpResponse<String> task = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions")).header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"task\":\"say hello\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(task.statusCode()).as(task.body()).isEqualTo(202);
                String session = task.body().replaceAll(".*\"session\":\"([^\"]+)\".*", "$1");
                HttpResponse<java.util.stream.Stream<String>> events = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + session + "/events"))
                        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofLines());
                String end = events.body().filter(l -> l.contains("\"type\":\"session_end\"")).findFirst().orElseThrow();
                assertThat(end).contains("\"reason\":\"finished\"");
                assertThat(Files.readString(dir.resolve("home/sessions/" + session + ".jsonl"))).contains("Hello from serve.");
                // The model is told where it works: the --root folder.
                assertThat(api.request(0).body().path("system").toString()).contains(dir.resolve("work").toString());
            } finally {
                stop(serve);
            }
        }
    }

    @Test
    void a_host_other_than_loopback_warns_and_still_needs_the_token() throws Exception {
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            CliProcess serve = serve(api, "--sandbox", "off", "--host", "0.0.0.0");
            try {
                String url = serve.stdout.get(0).text();
                assertThat(url).startsWith("http://127.0.0.1:").contains("?token=");
                int port = URI.create(url).getPort();
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            } finally {
                stop(serve);
            }
            assertThat(serve.stderr.get()).contains("warning: 0.0.0.0 is not loopback");
        }
    }

    @Test
    void a_wrong_setting_is_told_with_the_flag_that_sets_it_and_nothing_starts() throws Exception {
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            CliProcess serve = serve(api, "--sandbox", "off", "--thinking-budget", "4000", "--max-tokens", "2000");
            assertThat(serve.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.process.exitValue()).isEqualTo(2);
            assertThat(serve.stdout).isEmpty();
            assertThat(serve.stderr.get()).contains("--thinking-budget (4000) must be below --max-tokens (2000)").doesNotContain("Exception");
        }
    }
}
