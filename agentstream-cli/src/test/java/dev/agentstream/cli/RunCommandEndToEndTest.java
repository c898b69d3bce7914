package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.FakeAnthropicServer;
import dev.agentstream.agent.testing.RecordedRequest;
import dev.agentstream.agent.testing.Reply;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentstream run} as a user runs it: its own JVM, with ANTHROPIC_BASE_URL pointing at a fake API on loopback. */
class RunCommandEndToEndTest {

    @TempDir
    Path dir;
    Path work;
    Path home;

    @BeforeEach
    void files() throws IOException {
        work = Files.createDirectories(dir.resolve("work"));
        home = dir.resolve("home");
        Files.writeString(work.resolve("apple.txt"), "a");
        Files.writeString(work.resolve("banana.txt"), "b");
    }

    @Test
    void json_run_lists_the_files_streams_the_output_and_prints_the_answer() throws Exception {
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            api.reply(SseScript.reply().text("I'll list them.").toolUse("toolu_ls", "bash", "{\"command\": \"ls\"}").end("tool_use"));
            api.reply(request -> {
                String result = request.lastMessage().path("content").get(0).path("content").get(0).path("text").asText();
                return Reply.stream(SseScript.reply().text("There are 2 files: ", result.contains("apple.txt") && result.contains("banana.txt")
                        ? "apple.txt and banana.txt." : "I could not see them.").end("end_turn"));
            });

            Spawned run = Spawned.start(RunCommand.class, work, env(api), "--json", "list", "files");
            int exit = run.waitFor();

            assertThat(exit).as(run.stderr.get()).isZero();
            List<JsonNode> events = run.stdout.stream().map(Spawned.Line::text).map(RunCommandEndToEndTest::json).toList();
            List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
            // The command's output may arrive before or after the reply's turn_end: the tool starts while the reply streams.
            assertThat(types).containsSubsequence("session_start", "turn_start", "text", "tool_use", "started", "output", "result",
                    "turn_start", "text", "usage", "turn_end", "session_end");
            assertThat(types).containsSubsequence("tool_use", "usage", "turn_end", "turn_start");
            JsonNode toolUse = events.get(types.indexOf("tool_use"));
            assertThat(toolUse.path("name").asText()).isEqualTo("bash");
            assertThat(toolUse.path("input").path("command").asText()).isEqualTo("ls");
            JsonNode output = events.get(types.indexOf("output"));
            assertThat(output.path("call").asText()).isEqualTo("toolu_ls");
            assertThat(output.path("text").asText()).contains("apple.txt");
            StringBuilder answer = new StringBuilder();
            events.stream().filter(e -> e.path("type").asText().equals("text") && e.path("turn").asInt() == 2)
                    .forEach(e -> answer.append(e.path("delta").asText()));
            assertThat(answer.toString()).isEqualTo("There are 2 files: apple.txt and banana.txt.");
            assertThat(events.get(events.size() - 1).path("reason").asText()).isEqualTo("finished");

            JsonNode toolResult = api.request(1).lastMessage().path("content").get(0);
            assertThat(toolResult.path("tool_use_id").asText()).isEqualTo("toolu_ls");
            assertThat(toolResult.path("content").get(0).path("text").asText()).contains("apple.txt", "banana.txt");
            assertThat(api.request(0).header("x-api-key") + api.request(0).header("authorization")).contains("test-key");
            // The full output is spooled under AGENTSTREAM_HOME, not in the machine's temp folder.
            try (var spooled = Files.walk(home.resolve("spool"))) {
                assertThat(spooled.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("bash-toolu_ls"));
            }
            // No --model: the current recommended Sonnet-class model of the model table.
            assertThat(api.request(0).body().path("model").asText()).isEqualTo("claude-sonnet-5-5");
        }
    }

    @Test
    void a_retired_model_stops_the_run_with_one_sentence_naming_it_and_the_models_the_api_offers() throws Exception {
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            api.offers(List.of("claude-sonnet-5-5", "claude-opus-5-5"));
            api.reply(Reply.error(404, "not_found_error", "model: claude-sonnet-4-5"));

            Spawned run = Spawned.start(RunCommand.class, work, env(api), "--model", "claude-sonnet-4-5", "say hello");

            assertThat(run.waitFor()).isEqualTo(1);
            String err = run.stderr.get();
            assertThat(err).contains("The API has no model claude-sonnet-4-5 (it does not exist or was retired); "
                    + "pick one it offers with --model: claude-sonnet-5-5, claude-opus-5-5.");
            assertThat(err).doesNotContain("Exception", "\tat ", "[Source:");
            assertThat(api.requests()).hasSize(1);
        }
    }

    @Test
    void models_lists_what_the_api_offers_with_what_the_table_knows() throws Exception {
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            api.offers(List.of("claude-sonnet-5-5", "claude-sonnet-4-6", "claude-haiku-4-5-20251001", "claude-nimbus-9"));

            Spawned models = Spawned.start(ModelsCommand.class, work, env(api));

            assertThat(models.waitFor()).as(models.stderr.get()).isZero();
            List<String> rows = models.stdoutText().lines().toList();
            assertThat(rows.get(0)).contains("MODEL", "COMPUTER TOOL", "THINKING", "CONTEXT");
            assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("* claude-sonnet-5-5").contains("computer_toolset_20260801", "adaptive (always on)", "1M", "2/10/2.50/0.10"));
            assertThat(rows).anySatisfy(r -> assertThat(r).contains("claude-sonnet-4-6", "computer_20251124", "adaptive", "3/15/3.75/0.30"));
            assertThat(rows).anySatisfy(r -> assertThat(r).contains("claude-haiku-4-5-20251001", "computer_20250124", "budgeted", "200K"));
            assertThat(rows).anySatisfy(r -> assertThat(r).contains("claude-nimbus-9", "unknown", "(as claude-sonnet-5-5)"));

            Spawned json = Spawned.start(ModelsCommand.class, work, env(api), "--json");
            assertThat(json.waitFor()).isZero();
            JsonNode all = json(json.stdoutText());
            assertThat(all).hasSize(4);
            assertThat(all.get(0).path("default").asBoolean()).isTrue();
            assertThat(all.get(1).path("computer_beta").asText()).isEqualTo("computer-use-2025-11-24");
            assertThat(all.get(3).path("in_table").asBoolean()).isFalse();
        }
    }

    @Test
    void without_an_api_key_nothing_runs_and_the_error_says_how_to_set_it() throws Exception {
        Map<String, String> env = Map.of("AGENTSTREAM_HOME", home.toString(), "ANTHROPIC_API_KEY", "",
                "AGENTSTREAM_LOG", dir.resolve("log").toString());

        Spawned run = Spawned.start(RunCommand.class, work, env, "list files");

        assertThat(run.waitFor()).isEqualTo(2);
        assertThat(run.stderr.get()).contains("ANTHROPIC_API_KEY", "export");
        assertThat(run.stdout).isEmpty();
        assertThat(home.resolve("sessions")).doesNotExist();
    }

    @Test
    void a_session_is_listed_and_can_be_resumed() throws Exception {
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            api.reply(SseScript.reply().text("Hello!").end("end_turn"));
            api.reply(SseScript.reply().text("Still here.").end("end_turn"));
            Spawned first = Spawned.start(RunCommand.class, work, env(api), "say hello");
            assertThat(first.waitFor()).as(first.stderr.get()).isZero();
            assertThat(first.stdoutText()).contains("Hello!");

            Spawned list = Spawned.start(SessionsCommand.class, work, env(api));
            assertThat(list.waitFor()).isZero();
            String table = list.stdoutText();
            assertThat(table).contains("say hello", "finished");
            String id = table.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

            Spawned resumed = Spawned.start(RunCommand.class, work, env(api), "--resume", id, "are you there?");
            assertThat(resumed.waitFor()).as(resumed.stderr.get()).isZero();
            JsonNode messages = api.request(1).messages();
            assertThat(messages).hasSize(3);
            assertThat(messages.get(1).path("content").get(0).path("text").asText()).isEqualTo("Hello!");
            assertThat(messages.get(2).path("content").get(0).path("text").asText()).isEqualTo("are you there?");
        }
    }

    @Test
    void ctrl_c_cancels_the_running_command_and_a_second_one_ends_the_session() throws Exception {
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            api.reply(SseScript.reply().toolUse("toolu_1", "bash", "{\"command\": \"echo started; sleep 30\"}").end("tool_use"));
            api.reply(request -> Reply.stream(SseScript.reply()
                    .toolUse("toolu_2", "bash", "{\"command\": \"echo again; sleep 30\"}").end("tool_use")));
            // Should the loop get a request out between the two presses, it hangs here until the second one stops it.
            api.whenEmpty(request -> Reply.stream(SseScript.reply().pause(java.time.Duration.ofSeconds(30)).text("late").end("end_turn")));
            Spawned run = Spawned.start(RunCommand.class, work, env(api), "sleep twice");

            run.awaitStdout("│ started");
            run.interrupt();
            run.awaitStdout("│ again");
            run.interrupt();
            run.interrupt();

            assertThat(run.waitFor()).isEqualTo(130);
            assertThat(run.stdoutText()).contains("● bash  echo started; sleep 30", "└ [");
            RecordedRequest second = api.request(1);
            JsonNode cancelled = second.lastMessage().path("content").get(0);
            assertThat(cancelled.path("is_error").asBoolean()).isTrue();
            assertThat(cancelled.path("content").get(0).path("text").asText()).contains("cancelled");
            assertThat(api.requests().size()).isBetween(2, 3);
            Path transcript;
            try (var files = Files.list(home.resolve("sessions"))) {
                transcript = files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow();
            }
            assertThat(Files.readString(transcript)).contains("\"reason\":\"cancelled\"");
        }
    }

    private Map<String, String> env(FakeAnthropicServer api) {
        return Map.of("ANTHROPIC_API_KEY", "test-key", "ANTHROPIC_BASE_URL", api.baseUrl(),
                "AGENTSTREAM_HOME", home.toString(), "AGENTSTREAM_LOG", dir.resolve("agentstream.log").toString());
    }

    private static JsonNode json(String line) {
        try {
            return EventJson.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** A command class run by its own main in a fresh JVM on this test's class path. */
    static final class Spawned {
        record Line(long receivedNanos, String text) {}

        final Process process;
        final List<Line> stdout = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> stderr;

        private Spawned(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) stdout.add(new Line(System.nanoTime(), line));
                } catch (IOException ignored) {
                    // the process is gone; what was read is kept
                }
            });
            stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
        }

        static Spawned start(Class<?> main, Path workDir, Map<String, String> env, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.getName()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
            builder.environment().remove("ANTHROPIC_API_KEY");
            builder.environment().remove("ANTHROPIC_BASE_URL");
            builder.environment().putAll(env);
            return new Spawned(builder.start());
        }

        int waitFor() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the command did not exit within 60 s; stdout so far:\n" + stdoutText());
            }
            Thread.sleep(100);
            return process.exitValue();
        }

        String stdoutText() {
            StringBuilder s = new StringBuilder();
            stdout.forEach(l -> s.append(l.text()).append('\n'));
            return s.toString();
        }

        void awaitStdout(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stdoutText().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("no '" + text + "' on stdout:\n" + stdoutText());
                }
                Thread.sleep(20);
            }
        }

        void interrupt() throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        }
    }
}
