package dev.agentstream.cli;

import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.AgentLoop;
import dev.agentstream.agent.AgentOutcome;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.session.Transcript;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.StreamingMode;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.StandardTools;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.computer.Resolution;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agentstream run "task"}: Claude works on a task with the tools, and every step streams live. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Give Claude a task and watch it work: its words, its thinking and every tool call stream live.",
                "Needs ANTHROPIC_API_KEY. Settings also come from $AGENTSTREAM_HOME/config.json (default ~/.agentstream)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the model finished its turn", "1:the API failed (after retries) or refused",
                "2:bad usage or configuration (e.g. no API key)", "3:stopped at --max-turns or --max-tokens",
                "130:stopped with Ctrl-C"})
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main parent;

    @Parameters(arity = "1..*", paramLabel = "TASK", description = "What to do (several words are joined with spaces).")
    List<String> task;

    @Option(names = "--json", description = "Print every event (model and tool) as NDJSON on stdout instead.")
    boolean json;

    @Option(names = "--buffered", description = "Tools report only their final result (no live output).")
    boolean buffered;

    @Option(names = "--resume", paramLabel = "ID", description = "Continue a saved session (see: agentstream sessions).")
    String resume;

    @CommandLine.Mixin
    AgentOptions agentOptions;

    @Option(names = "--hide-thinking", description = "Do not print the model's thinking (a marker shows it is thinking).")
    boolean hideThinking;

    @Option(names = "--budget", paramLabel = "CHARS", description = "Characters of each tool's output the model is sent (default ${DEFAULT-VALUE}).")
    int budget = RuntimeConfig.defaults().outputBudgetChars();

    final PolicyOptions policyOptions = new PolicyOptions();

    final ComputerOptions computerOptions = new ComputerOptions();

    final SandboxOptions sandboxOptions = new SandboxOptions();

    /** This command's picocli model: its annotations, and the option groups it shares (built by hand, see {@link OptionBinding}). */
    static CommandLine commandLine() {
        RunCommand command = new RunCommand();
        return SharedOptions.annotatedWith(command, command.policyOptions, command.computerOptions, command.sandboxOptions);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        // Settings are checked first: a missing API key is reported before anything runs.
        AgentSettings settings;
        RuntimeConfig runtime;
        Transcript transcript;
        try {
            settings = agentOptions.settings().build();
            runtime = SpoolFolder.withConfiguredBudget(RuntimeConfig.defaults().withOutputBudget(budget).withSpoolDir(settings.home().spoolDir()),
                    settings.home().configFile());
            transcript = openTranscript(settings);
        } catch (AgentConfigException e) {
            err.println("agentstream: " + RunWording.problem(e));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("agentstream: " + e.getMessage());
            return 2;
        }
        BashConfig bash = sandboxOptions.apply(BashConfig.defaults().withPolicy(policyOptions.policy(cli)), cli);
        SandboxOptions.warnIfUnavailable(bash, err);
        ToolRegistry registry = Main.catalogueOf(parent).registry(StandardTools.Settings.of(bash)
                .withComputer(computerOptions.config(cli)).withDesktop(true));
        if (buffered) registry.defaultMode(StreamingMode.BUFFERED);
        settings = withComputerDisplay(settings, registry, err);
        AgentListener printer = json ? new JsonAgentPrinter(out) : new ConsoleAgentPrinter(out, err, style());

        AgentLoop loop = AgentLoop.open(settings, registry, transcript, printer, runtime);
        AtomicBoolean finished = new AtomicBoolean();
        Thread onExit = new Thread(() -> {
            // Killed (SIGTERM) mid-session: stop the tools so no process outlives us; the transcript is already on disk.
            if (finished.get()) return;
            loop.stop();
            loop.close();
        }, "agentstream-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
        CtrlC.onInterrupt(loop::interrupt);
        try {
            AgentOutcome outcome = loop.run(String.join(" ", task));
            return exitCode(outcome.reason());
        } finally {
            finished.set(true);
            loop.close();
            out.flush();
        }
    }

    /** The computer tool is declared with the size of the screenshots it sends, which only the tool knows. */
    static AgentSettings withComputerDisplay(AgentSettings settings, ToolRegistry registry, PrintStream err) {
        var computer = registry.find(ComputerTool.NAME).filter(ComputerTool.class::isInstance).map(ComputerTool.class::cast);
        if (computer.isEmpty()) return settings;
        try {
            Resolution size = computer.get().modelScreenSize();
            return settings.toBuilder().display(size.width(), size.height()).build();
        } catch (RuntimeException e) {
            err.println("agentstream: the computer tool has no display yet (" + e.getMessage() + "); declaring "
                    + settings.displayWidth() + "x" + settings.displayHeight() + ".");
            return settings;
        }
    }

    private Transcript openTranscript(AgentSettings settings) {
        TranscriptStore store = new TranscriptStore(settings.home().sessionsDir());
        return resume == null ? store.create(settings.model()) : store.resume(resume, settings.model());
    }

    private ConsoleAgentPrinter.Style style() {
        boolean color = Terminal.isTerminal(1) && System.getenv("NO_COLOR") == null;
        boolean live = Terminal.isTerminal(2);
        return new ConsoleAgentPrinter.Style(color, live, !hideThinking, live ? Terminal.columns() : Terminal.FALLBACK_COLUMNS);
    }


    static int exitCode(AgentOutcome.Reason reason) {
        return switch (reason) {
            case FINISHED -> 0;
            case FAILED, REFUSED -> 1;
            case MAX_TURNS, MAX_TOKENS -> 3;
            case CANCELLED -> 130;
        };
    }

    /**
     * Ctrl-C without ending the JVM: the first press cancels the running tool, a second ends the session
     * cleanly (the loop decides which). Without sun.misc.Signal the JVM's default applies: the shutdown hook
     * stops the tools and the process exits.
     */
    static final class CtrlC {
        private CtrlC() {}

        @SuppressWarnings("removal")
        static void onInterrupt(java.util.function.LongConsumer action) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                    // The press is timed here, not on the handler thread, which may start late on a busy machine.
                    long pressedAt = System.nanoTime();
                    Thread.ofPlatform().name("agentstream-ctrl-c").start(() -> action.accept(pressedAt));
                });
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // No signal handling here (e.g. the JVM runs with -Xrs): the shutdown hook still cleans up.
            }
        }
    }
}
