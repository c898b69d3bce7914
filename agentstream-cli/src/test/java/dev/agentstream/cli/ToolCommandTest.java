package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agentstream command as a user runs it: a separate JVM, real bash, stdout read line by line. */
class ToolCommandTest {

    @TempDir
    Path dir;

    private static List<JsonNode> events(CliProcess cli) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (CliProcess.Line line : cli.stdout) events.add(EventJson.mapper().readTree(line.text()));
        return events;
    }

    @Test
    void jsonModeStreamsEachEventAsItHappensAndEndsWithTheResult() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--json", "--input",
                "{\"command\":\"echo first; sleep 2; echo second\"}")) {
            assertThat(cli.waitFor()).isZero();
            List<JsonNode> events = events(cli);
            assertThat(events.getFirst().get("type").asText()).isEqualTo("started");
            JsonNode first = events.stream().filter(e -> e.get("type").asText().equals("output")
                    && e.get("text").asText().contains("first")).findFirst().orElseThrow();
            JsonNode second = events.stream().filter(e -> e.get("type").asText().equals("output")
                    && e.get("text").asText().contains("second")).findFirst().orElseThrow();
            assertThat(first.get("text").asText()).doesNotContain("second");
            assertThat(first.get("call").asText()).isEqualTo("c1");
            assertThat(first.get("stream").asText()).isEqualTo("stdout");
            assertThat(second.get("t").asLong() - first.get("t").asLong()).isGreaterThanOrEqualTo(1500);
            // the line reached the reader while the command was still sleeping
            long firstArrived = cli.stdout.get(events.indexOf(first)).receivedNanos();
            long secondArrived = cli.stdout.get(events.indexOf(second)).receivedNanos();
            assertThat(TimeUnit.NANOSECONDS.toMillis(secondArrived - firstArrived)).isGreaterThanOrEqualTo(1500);
            JsonNode result = events.getLast();
            assertThat(result.get("type").asText()).isEqualTo("result");
            assertThat(result.get("isError").asBoolean()).isFalse();
            assertThat(result.get("content").get(0).get("type").asText()).isEqualTo("text");
            assertThat(result.get("content").get(0).get("text").asText()).contains("first\nsecond\n").contains("[exit code 0]");
            assertThat(result.get("meta").get("exitCode").asInt()).isZero();
            assertThat(result.get("meta").get("durationMs").asLong()).isGreaterThanOrEqualTo(2000);
            assertThat(Path.of(result.get("meta").get("spoolPath").asText())).exists();
        }
    }

    @Test
    void aViewsOutputEventsHoldTheNumberedFileAcrossChunksOfLongLines() throws Exception {
        // a line of 300 KB (several reads and chunks), then escapes and non-ASCII after long ASCII runs, an emoji
        // (a surrogate pair in the text), and lines in between; each piece once at a chunk's start and once inside
        String run = "var v1=f(2);".repeat(25_000);
        List<String> lines = List.of(run, run + "\u00e9\u4e2d\"quote\\back\ttab\u0001end", "short", run + "\ud83d\ude00" + run,
                "caf\u00e9", "x".repeat(70_000) + "\u4e2d".repeat(20_000));
        Path file = Files.writeString(dir.resolve("long-lines.txt"), String.join("\n", lines) + "\n");
        StringBuilder numbered = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) numbered.append(String.format("%6d\t", i + 1)).append(lines.get(i)).append('\n');
        try (CliProcess cli = CliProcess.start(dir, "tool", "str_replace_based_edit_tool", "--json", "--input",
                "{\"command\":\"view\",\"path\":" + EventJson.mapper().writeValueAsString(file.toString()) + "}")) {
            assertThat(cli.waitFor()).isZero();
            StringBuilder streamed = new StringBuilder();
            List<JsonNode> events = events(cli);
            for (JsonNode e : events) if (e.get("type").asText().equals("output")) streamed.append(e.get("text").asText());
            assertThat(streamed.toString()).isEqualTo(numbered.toString());
            // no copy in the spool: the file is the view's full output
            assertThat(events.getLast().get("meta").has("spoolPath")).isFalse();
            assertThat(events.getLast().get("meta").get("path").asText()).isEqualTo(file.toString());
        }
    }

    @Test
    void fullOutputIsSpooledUnderAgentstreamHomeWhenOneIsSet() throws Exception {
        Path home = dir.resolve("home");
        try (CliProcess cli = CliProcess.start(dir, java.util.Map.of("AGENTSTREAM_HOME", home.toString()),
                "tool", "bash", "--json", "--sandbox", "off", "--input", "{\"command\":\"echo spooled\"}")) {
            assertThat(cli.waitFor()).isZero();
            JsonNode result = events(cli).getLast();
            Path spool = Path.of(result.get("meta").get("spoolPath").asText());
            assertThat(spool).startsWith(home.resolve("spool")).exists();
            assertThat(Files.readString(spool)).contains("spooled");
        }
    }

    @Test
    void bufferedModeShowsOnlyTheFinalResult() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--json", "--buffered", "--input", "{\"command\":\"echo a; echo b\"}")) {
            assertThat(cli.waitFor()).isZero();
            List<JsonNode> events = events(cli);
            assertThat(events).hasSize(1);
            assertThat(events.getFirst().get("type").asText()).isEqualTo("result");
            assertThat(events.getFirst().get("content").get(0).get("text").asText()).startsWith("a\nb\n");
        }
    }

    @Test
    void plainModePrintsTheOutputOnStdoutAndTheStatusOnStderr() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--input", "{\"command\":\"echo plain; exit_with() { return 3; }; exit_with\"}")) {
            assertThat(cli.waitFor()).as("a command's own status is not a tool error").isZero();
            assertThat(cli.stdoutText()).isEqualTo("plain\n");
            assertThat(cli.stderr.get()).contains("[exit code 3");
        }
    }

    @Test
    void exitCodesTellAnErrorResultFromBadUsage() throws Exception {
        try (CliProcess refused = CliProcess.start(dir, "tool", "bash", "--input", "{\"command\":\"rm -rf /\"}")) {
            assertThat(refused.waitFor()).isEqualTo(1);
            assertThat(refused.stderr.get()).contains("safety policy");
        }
        try (CliProcess badJson = CliProcess.start(dir, "tool", "bash", "--input", "{not json")) {
            assertThat(badJson.waitFor()).isEqualTo(2);
            assertThat(badJson.stderr.get()).contains("not valid JSON");
        }
        try (CliProcess unknown = CliProcess.start(dir, "tool", "nosuchtool", "--input", "{}")) {
            assertThat(unknown.waitFor()).isEqualTo(2);
            assertThat(unknown.stderr.get()).contains("no tool named 'nosuchtool'");
        }
    }

    @Test
    void policyRulesComeFromTheCommandLine() throws Exception {
        try (CliProcess denied = CliProcess.start(dir, "tool", "bash", "--deny", "git push *", "--input", "{\"command\":\"echo x && git push origin main\"}")) {
            assertThat(denied.waitFor()).isEqualTo(1);
            assertThat(denied.stderr.get()).contains("git push origin main");
            assertThat(denied.stdoutText()).isEmpty();
        }
        try (CliProcess allowList = CliProcess.start(dir, "tool", "bash", "--allow-list", "--allow", "echo *", "--input", "{\"command\":\"echo ok; ls\"}")) {
            assertThat(allowList.waitFor()).isEqualTo(1);
            assertThat(allowList.stderr.get()).contains("ls");
        }
        try (CliProcess allowed = CliProcess.start(dir, "tool", "bash", "--allow-list", "--allow", "echo *", "--input", "{\"command\":\"echo ok\"}")) {
            assertThat(allowed.waitFor()).isZero();
            assertThat(allowed.stdoutText()).isEqualTo("ok\n");
        }
    }

    @Test
    void theInputCanComeFromAFile() throws Exception {
        Path input = dir.resolve("input.json");
        Files.writeString(input, "{\"command\":\"echo from-file\"}");
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--input-file", input.toString())) {
            assertThat(cli.waitFor()).isZero();
            assertThat(cli.stdoutText()).isEqualTo("from-file\n");
        }
    }

    @Test
    void theInputCanComeFromStdinWithADash() throws Exception {
        for (String option : new String[] {"--input", "--input-file"}) {
            try (CliProcess cli = CliProcess.start(dir, "tool", "bash", option, "-")) {
                try (var stdin = cli.process.getOutputStream()) {
                    stdin.write("{\"command\":\"echo from-stdin\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                assertThat(cli.waitFor()).as(option).isZero();
                assertThat(cli.stdoutText()).as(option).isEqualTo("from-stdin\n");
            }
        }
    }

    @Test
    void ctrlCCancelsTheCallAndLeavesNoProcessBehind() throws Exception {
        // $! is this machine's pid only outside the sandbox's PID namespace (SandboxTest covers cancelling inside it).
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--json", "--sandbox", "off", "--input",
                "{\"command\":\"sleep 300 & echo BG=$!; sleep 300\"}")) {
            long bgPid = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Pattern bg = Pattern.compile("BG=(\\d+)");
            while (bgPid < 0 && System.nanoTime() < deadline) {
                Matcher m = bg.matcher(cli.stdoutText());
                if (m.find()) bgPid = Long.parseLong(m.group(1));
                else Thread.sleep(50);
            }
            assertThat(bgPid).isPositive();
            assertThat(ProcessHandle.of(bgPid)).isPresent();
            cli.interrupt();
            assertThat(cli.waitFor()).isEqualTo(130);
            assertThat(isRunning(bgPid)).as("background sleep %d still running", bgPid).isFalse();
        }
    }

    /** Alive and not a zombie waiting for its new parent to reap it. */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void toolsListsEachToolWithItsSchemaAndVersionPrintsTheVersion() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, "tools", "--json")) {
            assertThat(cli.waitFor()).isZero();
            JsonNode tools = EventJson.mapper().readTree(cli.stdoutText());
            JsonNode bash = tools.get(0);
            assertThat(bash.get("name").asText()).isEqualTo("bash");
            assertThat(bash.get("anthropicType").asText()).isEqualTo("bash_20250124");
            assertThat(bash.get("inputSchema").get("properties").has("command")).isTrue();
        }
        try (CliProcess cli = CliProcess.start(dir, "--version")) {
            assertThat(cli.waitFor()).isZero();
            assertThat(cli.stdoutText()).startsWith("agentstream 0.");
        }
    }

    @Test
    void bashRunsInTheSandboxByDefaultAndSaysSo() throws Exception {
        Path outside = Path.of("/agentstream-sandbox-probe-" + java.util.UUID.randomUUID());
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--json", "--input", "{\"command\":\"touch " + outside + "\"}")) {
            cli.waitFor();
            JsonNode result = resultEvent(cli);
            assertThat(result.toString()).contains("Read-only file system");
            assertThat(result.path("meta").path("sandbox").asText()).isEqualTo("workspace-write");
            assertThat(result.path("meta").path("network").asBoolean(true)).isFalse();
        } finally {
            Files.deleteIfExists(outside);
        }
        assertThat(outside).doesNotExist();
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--json", "--sandbox", "off", "--input", "{\"command\":\"true\"}")) {
            cli.waitFor();
            assertThat(resultEvent(cli).path("meta").path("sandbox").asText()).isEqualTo("off");
        }
    }

    @Test
    void withoutBubblewrapOneLineSaysWhyAndBashIsRefused() throws Exception {
        Path emptyPath = Files.createDirectories(dir.resolve("bin-without-bwrap"));
        Path marker = dir.resolve("ran");
        try (CliProcess cli = CliProcess.start(dir, java.util.Map.of("PATH", emptyPath.toString()), "tool", "bash", "--input",
                "{\"command\":\"echo > " + marker + "\"}")) {
            assertThat(cli.waitFor()).isEqualTo(1);
            String stderr = cli.stderr.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(stderr.lines().filter(l -> l.startsWith("agentstream: bubblewrap")).toList()).hasSize(1)
                    .allMatch(l -> l.contains("apt-get install bubblewrap") && l.contains("--sandbox off"));
            assertThat(cli.stdoutText() + stderr).contains("Nothing was run");
        }
        assertThat(marker).doesNotExist();
        try (CliProcess cli = CliProcess.start(dir, java.util.Map.of("PATH", emptyPath.toString()), "tool", "bash", "--sandbox", "off",
                "--input", "{\"command\":\"echo > " + marker + "\"}")) {
            assertThat(cli.waitFor()).isZero();
        }
        assertThat(marker).exists();
    }

    @Test
    void sandboxOptionsAreCheckedAndShownByTools() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, "tool", "bash", "--sandbox", "everything", "--input", "{\"command\":\"true\"}")) {
            assertThat(cli.waitFor()).isEqualTo(2);
            assertThat(cli.stderr.get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("Unknown sandbox mode 'everything'")
                    .contains("workspace-write, read-only, off");
        }
        try (CliProcess cli = CliProcess.start(dir, "tools")) {
            assertThat(cli.waitFor()).isZero();
            assertThat(cli.stdoutText()).contains("bash runs in a bubblewrap sandbox (workspace-write)").contains("there is no network");
        }
        try (CliProcess cli = CliProcess.start(dir, "tools", "--sandbox", "read-only", "--network")) {
            assertThat(cli.waitFor()).isZero();
            assertThat(cli.stdoutText()).contains("(read-only): nothing is writable but a private /tmp").contains("the network is open");
        }
    }

    private static JsonNode resultEvent(CliProcess cli) throws Exception {
        for (CliProcess.Line line : cli.stdout) {
            JsonNode event = EventJson.mapper().readTree(line.text());
            if (event.path("type").asText().equals("result")) return event;
        }
        throw new AssertionError("no result event in " + cli.stdoutText());
    }
}
