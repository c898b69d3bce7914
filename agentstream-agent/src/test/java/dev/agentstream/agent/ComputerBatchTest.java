package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.agent.tools.ComputerBatch;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.computer.ComputerTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply's computer actions run in order and stop at the first that fails, as Anthropic's computer use docs ask of a
 * batch: every later action is answered with the docs' halt text and never runs, other tools of the reply still run,
 * and every tool_use gets exactly one tool_result, in order.
 */
class ComputerBatchTest {

    @TempDir
    Path home;

    @Test
    void actions_after_a_failed_click_do_not_touch_the_screen_and_bash_in_the_same_reply_still_runs() throws Exception {
        Path work = Files.createDirectories(home.resolve("work"));
        ComputerTool computer = ComputerToolsetTest.computer();
        try (LoopHarness h = new LoopHarness(home, computer, new BashTool(BashConfig.defaults().withWorkingDirectory(work)))) {
            String display = computer.display();
            assertThat(xdotool(display, "getdisplaygeometry")).as("screen and screenshot share their pixels").isEqualTo("1280 800");
            h.server.reply(SseScript.reply().text("Clicking, then typing.")
                    .toolsetUse("computer", "toolu_move", "mouse_move", "{\"coordinate\": [100, 120]}")
                    .toolsetUse("computer", "toolu_bad", "left_click", "{\"coordinate\": [5000, 5000]}")
                    .toolsetUse("computer", "toolu_click", "left_click", "{\"coordinate\": [900, 600]}")
                    .toolsetUse("computer", "toolu_type", "type", "{\"text\": \"hello\"}")
                    .toolUse("toolu_bash", "bash", "{\"command\": \"echo bash-ran > marker.txt\"}")
                    .toolsetUse("computer", "toolu_look", "screenshot", "{}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("The click missed the screen.").end("end_turn"));

            AgentOutcome outcome = h.loop().run("Click the field and type hello.");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            assertThat(xdotool(display, "getmouselocation", "--shell")).as("the pointer stays where the last action that ran left it")
                    .startsWith("X=100\nY=120\n");
            assertThat(Files.readString(work.resolve("marker.txt"))).isEqualTo("bash-ran\n");

            JsonNode results = h.server.request(1).lastMessage().path("content");
            assertThat(results).extracting(r -> r.path("tool_use_id").asText())
                    .containsExactly("toolu_move", "toolu_bad", "toolu_click", "toolu_type", "toolu_bash", "toolu_look");
            assertThat(results.get(0).path("is_error").asBoolean(false)).isFalse();
            assertThat(results.get(1).path("is_error").asBoolean()).isTrue();
            assertThat(text(results.get(1))).contains("outside");
            for (int i : new int[] {2, 3, 5}) {
                assertThat(results.get(i).path("is_error").asBoolean()).as(results.get(i).toString()).isTrue();
                assertThat(text(results.get(i))).isEqualTo(ComputerBatch.HALTED);
                assertThat(results.get(i).path("toolset_name").asText()).isEqualTo("computer");
            }
            assertThat(results.get(4).path("is_error").asBoolean(false)).isFalse();
            assertThat(results.get(4).has("toolset_name")).isFalse();
            assertThat(h.events.of(AgentEvent.Tool.class)).filteredOn(e -> e.event() instanceof ToolEvent.Completed)
                    .extracting(e -> e.event().callId())
                    .containsExactlyInAnyOrder("toolu_move", "toolu_bad", "toolu_click", "toolu_type", "toolu_bash", "toolu_look");
        }
    }

    @Test
    void the_single_computer_tool_stops_at_the_first_failure_too_and_the_next_reply_starts_afresh() {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (LoopHarness h = new LoopHarness(home, TestTools.tool("computer", Optional.of("computer_20250124"), scope -> {
            String label = scope.call().input().path("label").asText();
            ran.add(label);
            return label.startsWith("fail") ? ToolResult.error("could not " + label) : ToolResult.text("did " + label);
        }))) {
            h.settings.model("claude-haiku-4-5");
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_1", "computer", "{\"action\": \"left_click\", \"label\": \"one\"}")
                    .toolUse("toolu_2", "computer", "{\"action\": \"left_click\", \"label\": \"fail-two\"}")
                    .toolUse("toolu_3", "computer", "{\"action\": \"type\", \"label\": \"three\"}")
                    .toolUse("toolu_4", "computer", "{\"action\": \"key\", \"label\": \"four\"}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_5", "computer", "{\"action\": \"left_click\", \"label\": \"five\"}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("done").end("end_turn"));

            h.loop().run("Click and type.");

            assertThat(ran).containsExactly("one", "fail-two", "five");
            JsonNode first = h.server.request(1).lastMessage().path("content");
            assertThat(first).extracting(r -> r.path("tool_use_id").asText()).containsExactly("toolu_1", "toolu_2", "toolu_3", "toolu_4");
            assertThat(first).extracting(ComputerBatchTest::text)
                    .containsExactly("did one", "could not fail-two", ComputerBatch.HALTED, ComputerBatch.HALTED);
            assertThat(first).extracting(r -> r.path("is_error").asBoolean(false)).containsExactly(false, true, true, true);
            assertThat(first).allSatisfy(r -> assertThat(r.has("toolset_name")).isFalse());
            assertThat(text(h.server.request(2).lastMessage().path("content").get(0))).isEqualTo("did five");
        }
    }

    @Test
    void ctrl_c_cancels_the_running_action_and_the_held_back_one_never_starts() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (LoopHarness h = new LoopHarness(home, TestTools.tool("computer", Optional.of("computer_20250124"), scope -> {
            ran.add(scope.call().input().path("label").asText());
            scope.output("stdout", "started\n");
            Thread.sleep(scope.call().input().path("ms").asLong());
            return ToolResult.text("done");
        }))) {
            h.settings.model("claude-haiku-4-5");
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_1", "computer", "{\"action\": \"wait\", \"label\": \"long\", \"ms\": 30000}")
                    .toolUse("toolu_2", "computer", "{\"action\": \"left_click\", \"label\": \"next\", \"ms\": 0}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("Stopped.").end("end_turn"));
            AgentLoop loop = h.loop();
            CompletableFuture<AgentLoop.Interruption> interrupted = CompletableFuture.supplyAsync(() -> {
                CancelTest.awaitOutput(h, "toolu_1", "started");
                // Both calls are asked for once the reply has ended; before that the second might not be held back yet.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (h.events.indexOf(e -> e instanceof AgentEvent.TurnEnded) < 0 && System.nanoTime() < deadline) Thread.onSpinWait();
                return loop.interrupt();
            });

            loop.run("Wait, then click.");

            assertThat(interrupted.get(20, TimeUnit.SECONDS)).isEqualTo(AgentLoop.Interruption.CANCELLED_TOOLS);
            assertThat(ran).containsExactly("long");
            JsonNode results = h.server.request(1).lastMessage().path("content");
            assertThat(text(results.get(0))).contains("cancelled this call (Ctrl-C) while it ran");
            assertThat(text(results.get(1))).contains("cancelled this call (Ctrl-C) before it started");
        }
    }

    private static String text(JsonNode result) {
        return result.path("content").get(0).path("text").asText();
    }

    private static String xdotool(String display, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out.strip();
    }
}
