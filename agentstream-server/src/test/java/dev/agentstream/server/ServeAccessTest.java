package dev.agentstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.EventJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over real HTTP on loopback: who gets in, the API's answers, and the event stream's resumption. */
class ServeAccessTest {

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(ServeHarness h, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.server.baseUrl() + path)).GET();
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ServeHarness h, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.server.baseUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(ServeHarness h) {
        return AccessFilter.cookieName(port(h)) + "=" + h.token.value();
    }

    private static int port(ServeHarness h) {
        return URI.create(h.server.baseUrl()).getPort();
    }

    @Test
    void requests_without_the_token_are_refused_and_the_url_token_becomes_a_cookie() throws Exception {
        try (ServeHarness h = new ServeHarness(home)) {
            for (String path : List.of("/", "/static/app.js", "/api/sessions", "/metrics", "/api/sessions/x/events")) {
                HttpResponse<String> refused = get(h, path);
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(refused.body()).contains("needs its token").doesNotContain("Exception");
            }
            assertThat(post(h, "/api/sessions", "{\"task\":\"x\"}").statusCode()).isEqualTo(401);
            assertThat(get(h, "/?token=" + "x".repeat(43)).statusCode()).isEqualTo(401);
            assertThat(get(h, "/api/sessions", "Cookie", AccessFilter.cookieName(port(h)) + "=wrong-token-wrong-token").statusCode()).isEqualTo(401);
            assertThat(h.api.requests()).isEmpty();

            HttpResponse<String> first = get(h, "/?token=" + h.token.value());
            assertThat(first.statusCode()).isEqualTo(303);
            assertThat(first.headers().firstValue("Location")).hasValue("/");
            assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
                    .startsWith(cookie(h) + ";").contains("HttpOnly", "SameSite=Strict", "Path=/");

            HttpResponse<String> page = get(h, "/", "Cookie", cookie(h));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<textarea id=\"task\"");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
            assertThat(get(h, "/api/sessions", "Authorization", "Bearer " + h.token.value()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void two_servers_on_one_host_each_find_their_own_cookie_among_the_browsers_cookies() throws Exception {
        try (ServeHarness a = new ServeHarness(home.resolve("a")); ServeHarness b = new ServeHarness(home.resolve("b"))) {
            String setByB = get(b, "/?token=" + b.token.value()).headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setByB).startsWith(cookie(b) + ";").doesNotStartWith(cookie(a));
            // A browser that opened both sends both cookies to either port.
            String both = cookie(a) + "; " + cookie(b);
            assertThat(get(a, "/api/sessions", "Cookie", both).statusCode()).isEqualTo(200);
            assertThat(get(b, "/api/sessions", "Cookie", both).statusCode()).isEqualTo(200);
            assertThat(get(b, "/api/sessions", "Cookie", AccessFilter.cookieName(port(b)) + "=" + a.token.value()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void other_sites_pages_and_foreign_host_names_are_refused_even_with_the_token() throws Exception {
        try (ServeHarness h = new ServeHarness(home)) {
            HttpResponse<String> origin = get(h, "/api/sessions", "Cookie", cookie(h), "Origin", "https://evil.example");
            assertThat(origin.statusCode()).isEqualTo(403);
            assertThat(origin.body()).contains("other sites");
            HttpResponse<String> task = post(h, "/api/sessions", "{\"task\":\"rm -rf ~\"}", "Cookie", cookie(h), "Origin", "http://evil.example:80");
            assertThat(task.statusCode()).isEqualTo(403);
            assertThat(h.api.requests()).isEmpty();

            // The page's own origin passes.
            assertThat(get(h, "/api/sessions", "Cookie", cookie(h), "Origin", h.server.baseUrl()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void only_the_page_and_its_api_are_served_and_bad_input_gets_one_sentence() throws Exception {
        try (ServeHarness h = new ServeHarness(home)) {
            for (String path : List.of("/static/../pom.xml", "/etc/passwd", "/static/", "/api/nothing", "/api/sessions/../x/events")) {
                HttpResponse<String> response = get(h, path, "Cookie", cookie(h));
                assertThat(response.statusCode()).as(path).isIn(400, 404);
                assertThat(response.body()).doesNotContain("root:", "<project");
            }
            HttpResponse<String> empty = post(h, "/api/sessions", "{\"task\":\"  \"}", "Cookie", cookie(h));
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(json(empty.body()).path("error").asText()).isEqualTo("The task is empty; type what the agent should do.");
            HttpResponse<String> broken = post(h, "/api/sessions", "{task", "Cookie", cookie(h));
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(json(broken.body()).path("error").asText()).contains("must be JSON");
            HttpResponse<String> unknown = post(h, "/api/sessions", "{\"task\":\"go on\",\"session\":\"nope\"}", "Cookie", cookie(h));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown.body()).path("error").asText()).contains("no session 'nope'");
            assertThat(post(h, "/api/sessions/nope/stop", "{}", "Cookie", cookie(h)).statusCode()).isEqualTo(404);
            assertThat(h.api.requests()).isEmpty();
        }
    }

    @Test
    void last_event_id_resumes_the_stream_right_after_the_last_event_seen() throws Exception {
        try (ServeHarness h = new ServeHarness(home)) {
            h.api.reply(SseScript.reply().text("one ", "two ", "three").end("end_turn"));
            HttpResponse<String> started = post(h, "/api/sessions", "{\"task\":\"count\"}", "Cookie", cookie(h));
            assertThat(started.statusCode()).isEqualTo(202);
            String session = json(started.body()).path("session").asText();

            List<Sse> all = readUntilEnd(h, session, null);
            assertThat(all).extracting(Sse::type).startsWith("task", "session_start", "turn_start").endsWith("session_end");
            for (int i = 0; i < all.size(); i++) assertThat(all.get(i).id()).isEqualTo(i + 1);

            long seen = all.get(3).id();
            List<Sse> resumed = readUntilEnd(h, session, seen);
            assertThat(resumed).isEqualTo(all.subList(4, all.size()));
        }
    }

    @Test
    void metrics_count_tool_calls_tokens_requests_and_sessions_in_prometheus_text() throws Exception {
        Path work = java.nio.file.Files.createDirectories(home.resolve("work"));
        try (ServeHarness h = new ServeHarness(home, new dev.agentstream.tools.bash.BashTool(dev.agentstream.tools.bash.BashConfig.defaults().withWorkingDirectory(work)))) {
            h.api.reply(SseScript.reply(1000, 0, 0).toolUse("toolu_m", "bash", "{\"command\": \"echo metered\"}").outputTokens(20).end("tool_use"));
            h.api.reply(SseScript.reply(1100, 0, 0).text("Done.").outputTokens(5).end("end_turn"));
            String session = json(post(h, "/api/sessions", "{\"task\":\"measure\"}", "Cookie", cookie(h)).body()).path("session").asText();
            readUntilEnd(h, session, null);

            HttpResponse<String> metrics = get(h, "/metrics", "Cookie", cookie(h));

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            String text = metrics.body();
            assertThat(text).containsPattern("agentstream_tool_calls_total\\{outcome=\"ok\",tool=\"bash\"} 1\\.0")
                    .containsPattern("agentstream_tokens_total\\{kind=\"input\"} 2100\\.0")
                    .containsPattern("agentstream_tokens_total\\{kind=\"output\"} 25\\.0")
                    .containsPattern("agentstream_api_requests_total 2\\.0")
                    .containsPattern("agentstream_api_retries_total 0\\.0")
                    .containsPattern("agentstream_sessions_open 1\\.0")
                    .containsPattern("agentstream_sessions_active 0\\.0")
                    .containsPattern("agentstream_tool_output_bytes_total\\{tool=\"bash\"} [1-9]")
                    .containsPattern("agentstream_events_streamed_bytes_total [1-9]")
                    .contains("agentstream_tool_duration_seconds_bucket{tool=\"bash\",le=")
                    .contains("agentstream_tool_first_output_seconds_count{tool=\"bash\"} 1");
        }
    }

    record Sse(long id, String type, String data) {}

    private List<Sse> readUntilEnd(ServeHarness h, String session, Long lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.server.baseUrl() + "/api/sessions/" + session + "/events"))
                .header("Cookie", cookie(h)).header("Accept", "text/event-stream");
        if (lastEventId != null) request.header("Last-Event-ID", Long.toString(lastEventId));
        HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<Sse> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long id = -1;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) id = Long.parseLong(line.substring(4));
                if (line.startsWith("data: ")) {
                    String data = line.substring(6);
                    String type = json(data).path("type").asText();
                    events.add(new Sse(id, type, data));
                    if (type.equals("session_end")) return events;
                }
            }
        }
        return events;
    }

    private static JsonNode json(String text) throws Exception {
        return EventJson.mapper().readTree(text);
    }
}
