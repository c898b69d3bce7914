package dev.agentstream.tools.bash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.CallLane;
import dev.agentstream.core.CallScope;
import dev.agentstream.core.CallSummary;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.Session;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolHints;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import dev.agentstream.core.view.OutputKind;
import dev.agentstream.tools.bash.policy.PolicyVerdict;
import dev.agentstream.tools.bash.policy.ShellState;
import dev.agentstream.tools.bash.sandbox.Bubblewrap;
import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code bash} tool (Anthropic {@code bash_20250124}): a persistent shell per session whose output
 * streams as it is printed, with exit codes, timeouts that leave the command running for a later call,
 * cancellation that leaves no process behind, and a safety policy checked before anything runs.
 */
public final class BashTool implements Tool {

    public static final String NAME = "bash";
    private static final String SESSION_KEY = "bash";
    /** One shell per session runs one call at a time. */
    public static final String LANE = "shell";
    private static final long TICK_MS = 100;

    /** The facts a result's metadata carries, for clients that read results as data. */
    private static final String FACTS = """
            {"type":"object","properties":{
             "exitCode":{"type":"integer","description":"The command's exit status; absent while it still runs."},
             "timedOut":{"type":"boolean","description":"The command was still running at the call's timeout and goes on in the session."},
             "restarted":{"type":"boolean","description":"The call restarted the shell."},
             "bytes":{"type":"integer","description":"Bytes of output the command printed."},
             "lines":{"type":"integer","description":"Lines of output the command printed."},
             "sandbox":{"type":"string","description":"Where the command ran (the sandbox, or none)."}},
             "required":["durationMs","sandbox"]}""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "command":{"type":"string","description":"The bash command to run. While an earlier command is still running, \\"\\" waits for more of its output and \\"C-c\\" interrupts it."},
              "restart":{"type":"boolean","description":"Replace the shell with a fresh one."},
              "timeout":{"type":"number","description":"Seconds to wait before returning with the command still running (default 120)."},
              "stdin":{"type":"string","description":"Text to type into a running command that waits for input (include \\\\n to press Enter)."},
              "interrupt":{"type":"boolean","description":"Interrupt the running command (like Ctrl-C)."}
            }}""";

    private final BashConfig config;
    private final Bubblewrap.Status bubblewrap;
    private final ShellLauncher launcher;
    private final ToolSpec spec;

    public BashTool() {
        this(BashConfig.defaults());
    }

    /** bubblewrap is looked for (once per JVM) only when the config asks for a sandbox. */
    public BashTool(BashConfig config) {
        this(config, bubblewrapFor(config));
    }

    private static Bubblewrap.Status bubblewrapFor(BashConfig config) {
        return config.sandbox().enabled() ? Bubblewrap.status() : Bubblewrap.Status.broken("not probed: no sandbox asked for");
    }

    /** What {@link #sandboxSummary()} of a bash made with {@code config} says, without making it. */
    public static String sandboxSummary(BashConfig config) {
        return config.sandbox().describe(bubblewrapFor(config));
    }

    /** With {@code bubblewrap} as found elsewhere (tests use a PATH without it). */
    public BashTool(BashConfig config, Bubblewrap.Status bubblewrap) {
        this.config = config;
        this.bubblewrap = bubblewrap;
        this.launcher = new ShellLauncher(config.sandbox(), bubblewrap, config.passedSecrets());
        this.spec = ToolSpec.fromJson(NAME,
                "Run commands in a persistent bash session. Output streams while the command runs; "
                        + "cd, variables and functions persist between calls. Commands pass a safety policy first. "
                        + sandboxSummary(),
                SCHEMA, Optional.of("bash_20250124"))
                .withLane(CallLane.always(LANE))
                .withSummary(BashTool::summarize)
                .withPresentation("Bash shell", ToolHints.writes(true, false, true))
                .withFactsSchema(FACTS);
    }

    /** What a call asks the shell to do, in one line: the command's first line, or what else it asks. */
    static String summarize(JsonNode input) {
        if (input.path("restart").asBoolean(false)) return "(restart the shell)";
        if (input.path("interrupt").asBoolean(false)) return "(interrupt)";
        if (input.has("stdin")) return "(type) " + input.path("stdin").asText().replace("\n", "\\n");
        String command = input.path("command").asText("");
        return command.isEmpty() ? "(wait for more output)" : CallSummary.firstLine(command);
    }

    /** One sentence on where the shell runs, true to what is enforced (see {@link SandboxConfig#describe}). */
    public String sandboxSummary() {
        return config.sandbox().describe(bubblewrap);
    }

    /** Why bash calls are refused, when the sandbox asked for cannot run here. */
    public Optional<String> sandboxProblem() {
        return config.sandbox().enabled() && !bubblewrap.available() ? Optional.of(bubblewrap.problem()) : Optional.empty();
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolStream execute(ToolCall call, ToolContext context) {
        return ToolStreams.start(call, context, OutputKind.TERMINAL, scope -> run(BashInput.parse(call.input(), config), scope).withMetadata(sandboxMetadata()));
    }

    /**
     * Starts the session's shell ahead of its first call, which then finds it ready instead of waiting for bash to
     * start. A shell that cannot start (or a sandbox that cannot run) is left for the first call, which meets and
     * reports the same failure.
     */
    @Override
    public void prepare(ToolContext context) {
        if (sandboxProblem().isPresent()) return;
        try {
            shell(context.session(), launcherFor(context));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> sandboxMetadata() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("sandbox", config.sandbox().mode().label());
        if (config.sandbox().enabled()) meta.put("network", config.sandbox().network());
        return meta;
    }

    private ToolResult run(BashInput input, CallScope scope) throws IOException {
        Optional<String> refused = sandboxProblem();
        if (refused.isPresent()) return ToolResult.error("Nothing was run: " + refused.get());
        Session session = scope.context().session();
        ShellLauncher launcher = launcherFor(scope.context());
        if (input.restart()) {
            session.discard(SESSION_KEY);
            BashSession fresh = shell(session, launcher);
            return ToolResult.text("The bash session was restarted (new shell, pid " + fresh.pid() + ").")
                    .withMetadata(Map.of("restarted", true));
        }
        String notice = "";
        BashSession bash = shell(session, launcher);
        if (!bash.isAlive()) {
            int status = bash.shellExit().getNow(-1);
            session.discard(SESSION_KEY);
            bash = shell(session, launcher);
            notice = "[the previous shell had exited (status " + status + "); this command runs in a fresh one]\n";
        }
        if (!bash.callLock().tryLock()) {
            return ToolResult.error("Another call is using this bash session right now; wait for it to finish, or send 'restart': true.");
        }
        try {
            return dispatch(input, bash, scope, notice);
        } finally {
            bash.callLock().unlock();
        }
    }

    private ToolResult dispatch(BashInput input, BashSession bash, CallScope scope, String notice) throws IOException {
        BashSession.RunningCommand running = bash.current();
        Duration timeout = input.timeoutOr(config.defaultTimeout());
        if (running != null) {
            if (input.interrupt()) {
                return collect(bash, running, Duration.ZERO, scope, true, notice);
            }
            if (input.stdin().isPresent()) {
                if (!bash.sendInput(running, input.stdin().get())) {
                    notice += "[the command ended before the input could be typed; nothing was sent]\n";
                }
                return collect(bash, running, timeout, scope, false, notice);
            }
            if (input.blankCommand()) {
                return collect(bash, running, timeout, scope, false, notice);
            }
            throw new ToolInputException("The previous command (`" + abbreviate(running.command()) + "`) is still running after "
                    + running.runningForMs() / 1000 + " s; send {\"command\": \"\"} to wait for more output, "
                    + "{\"command\": \"C-c\"} to interrupt it, or {\"restart\": true}.");
        }
        BashSession.RunningCommand unreported = bash.unreported();
        if (input.blankCommand() && unreported != null) {
            return collect(bash, unreported, timeout, scope, false, notice);
        }
        if (input.interrupt() || input.stdin().isPresent()) {
            throw new ToolInputException("No command is running in this bash session, so there is nothing to interrupt or type into; send a 'command'.");
        }
        if (input.blankCommand()) {
            throw new ToolInputException("The command is empty; send the bash command to run.");
        }
        String command = input.command().orElseThrow();
        PolicyVerdict verdict = config.policy().check(command, shellState(bash));
        if (!verdict.allowed()) {
            return ToolResult.error("Refused by the safety policy, nothing was run: `" + verdict.refusedPart() + "`: " + verdict.reason())
                    .withMetadata(Map.of("refused", verdict.refusedPart()));
        }
        return collect(bash, bash.submit(command), timeout, scope, false, notice);
    }

    /** Streams the command's output into the call until it ends, times out, or is cancelled. */
    private ToolResult collect(BashSession bash, BashSession.RunningCommand running, Duration timeout, CallScope scope,
                               boolean interrupt, String notice) throws IOException {
        scope.onCancel(bash::cancelRunning);
        if (!notice.isEmpty()) scope.output("stderr", notice);
        bash.attach(text -> scope.output("stdout", text));
        boolean timedOut = false;
        try {
            if (interrupt) bash.cancelRunning();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!running.exit().isDone()) {
                if (!interrupt && System.nanoTime() >= deadline && !scope.isCancelled()) {
                    timedOut = true;
                    break;
                }
                awaitTick(running);
                reportProgress(bash, running, scope);
            }
        } finally {
            bash.detach();
        }
        return result(bash, running, scope, timedOut, timeout);
    }

    private static void awaitTick(BashSession.RunningCommand running) {
        try {
            running.exit().get(TICK_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a tick without an end: report progress and look again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The bash call was interrupted while waiting for its command.", e);
        }
    }

    private static void reportProgress(BashSession bash, BashSession.RunningCommand running, CallScope scope) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("elapsedMs", running.runningForMs());
        counters.put("bytes", scope.view().bytes());
        counters.put("lines", scope.view().lines());
        scope.progress("running: " + abbreviate(running.command()), bash.lastFraction(), counters);
    }

    private ToolResult result(BashSession bash, BashSession.RunningCommand running, CallScope scope, boolean timedOut, Duration timeout) {
        Map<String, Object> meta = new LinkedHashMap<>();
        String rendered = scope.view().render();
        StringBuilder text = new StringBuilder(rendered.isEmpty() ? "(no output)" : rendered);
        if (!text.toString().endsWith("\n")) text.append('\n');
        if (timedOut) {
            meta.put("exitCode", null);
            meta.put("running", true);
            meta.put("timedOut", true);
            text.append("[still running after ").append(seconds(timeout)).append(" s: the command goes on in this session. ")
                    .append("Send {\"command\": \"\"} to wait for more output, {\"command\": \"C-c\"} to interrupt it, ")
                    .append("{\"stdin\": \"...\"} if it waits for input, or {\"restart\": true}.]");
            return new ToolResult(List.of(new ContentBlock.Text(text.toString())), false, meta);
        }
        running.reported().set(true);
        Integer status = running.exit().getNow(null);
        if (status == null) {
            int shellStatus = bash.shellExit().getNow(-1);
            meta.put("exitCode", shellStatus);
            meta.put("shellExited", true);
            text.append("[the shell exited with status ").append(shellStatus)
                    .append("; the next call starts a fresh bash session]");
        } else {
            meta.put("exitCode", status);
            if (scope.isCancelled()) {
                text.append("[cancelled: the command was interrupted and its processes stopped; exit code ").append(status).append(']');
            } else {
                text.append("[exit code ").append(status).append(']');
            }
            long discarded = running.discardedInput().get();
            if (discarded != 0) {
                // Left in the terminal it would have become the shell's next command.
                meta.put("discardedInputBytes", discarded == TypeAhead.UNKNOWN ? null : discarded);
                text.append(discarded == TypeAhead.UNKNOWN ? "\n[input the command did not read was discarded]"
                        : "\n[" + discarded + " bytes of input the command did not read were discarded]");
            }
        }
        return new ToolResult(List.of(new ContentBlock.Text(text.toString())), false, meta);
    }

    /** The shell as the policy must see it: its home, the directory it is in now, and the workspace. */
    private ShellState shellState(BashSession bash) {
        Path cwd;
        try {
            cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(bash.shellPid()), "cwd"));
        } catch (IOException | UnsupportedOperationException e) {
            cwd = null; // unknown: relative deletion targets that could be protected are refused
        }
        String home = config.environment().getOrDefault("HOME", System.getenv("HOME"));
        return new ShellState(ShellState.homeFrom(home), cwd, config.workingDirectory());
    }

    /** Results name the file their full output was spooled to: the sandboxed shell must be able to read it. */
    private ShellLauncher launcherFor(ToolContext context) throws IOException {
        if (!config.sandbox().enabled()) return launcher;
        Path spool = context.config().spoolDir().resolve(context.session().id());
        Files.createDirectories(spool);
        return launcher.sharing(spool);
    }

    private BashSession shell(Session session, ShellLauncher launcher) {
        return session.resource(SESSION_KEY, BashSession.class, () -> {
            try {
                return BashSession.start(config.workingDirectory(), config.shellEnvironment(), launcher);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start bash: " + e.getMessage(), e);
            }
        });
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format("%.1f", d.toMillis() / 1000.0);
    }

    static String abbreviate(String command) {
        String oneLine = command.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
