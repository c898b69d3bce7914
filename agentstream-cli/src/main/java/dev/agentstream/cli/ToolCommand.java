package dev.agentstream.cli;

import static dev.agentstream.cli.OptionBinding.option;
import static dev.agentstream.cli.OptionBinding.positional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.InputLimits;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.RunningCall;
import dev.agentstream.core.Session;
import dev.agentstream.core.StreamingMode;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolRuntime;
import dev.agentstream.tools.StandardTools;
import dev.agentstream.tools.bash.BashConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agentstream tool NAME --input JSON}: one tool call, shown live. Its picocli model is built with the
 * programmatic API ({@link #commandLine()}), not from annotations: the README's first command and every one-shot
 * call pay for the command line's model before the tool starts (see {@link OptionBinding}).
 */
final class ToolCommand implements Callable<Integer> {

    /** The longest a Ctrl-C or SIGTERM waits for the call to be cancelled and its session closed. */
    private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(8);

    private CommandSpec spec;

    String toolName;
    /** The input as given with --input ('-' for stdin), or null. */
    String inputJson;
    /** The file given with --input-file ('-' for stdin), or null. */
    String inputFile;
    boolean json;
    boolean buffered;
    int budget = RuntimeConfig.defaults().outputBudgetChars();
    String callId = "c1";
    final PolicyOptions policyOptions = new PolicyOptions();
    final SandboxOptions sandboxOptions = new SandboxOptions();

    private ToolCommand() {}

    /** The {@code tool} command, ready to parse and run. */
    static CommandLine commandLine() {
        ToolCommand command = new ToolCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("tool").versionProvider(new Main.Version());
        spec.usageMessage().description("Run one tool call and show its output live.")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes());
        StandardHelpOptions.addTo(spec);
        spec.addPositional(positional(() -> command.toolName, v -> command.toolName = v).index("0").arity("1").required(true).paramLabel("NAME").type(String.class)
                .description("The tool to call, e.g. bash (see: agentstream tools).").build());
        spec.addOption(option(() -> command.json, v -> command.json = v, "--json").type(boolean.class)
                .description("Print NDJSON events on stdout, one per line, as they happen.").build());
        spec.addOption(option(() -> command.buffered, v -> command.buffered = v, "--buffered").type(boolean.class)
                .description("Turn streaming off: show only the final result.").build());
        spec.addOption(option(() -> command.budget, v -> command.budget = v, "--budget").paramLabel("CHARS").type(int.class)
                .description("Characters of output the model view keeps (default ${DEFAULT-VALUE}).").build());
        spec.addOption(option(() -> command.callId, v -> command.callId = v, "--id").paramLabel("ID").type(String.class)
                .description("The call's id (default ${DEFAULT-VALUE}).").build());
        command.policyOptions.addTo(spec);
        command.sandboxOptions.addTo(spec);
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addArg(option(() -> command.inputJson, v -> command.inputJson = v, "--input").paramLabel("JSON").type(String.class)
                        .description("The tool's input as JSON ('-' reads it from stdin).").build())
                .addArg(option(() -> command.inputFile, v -> command.inputFile = v, "--input-file").paramLabel("FILE").type(String.class)
                        .description("Read the input JSON from FILE ('-' for stdin).").build())
                .build());
        command.spec = spec;
        return new CommandLine(spec);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "the call succeeded (a command's own non-zero status is reported, not an error)");
        codes.put("1", "the result is an error");
        codes.put("2", "bad usage");
        codes.put("130", "cancelled with Ctrl-C");
        codes.put("141", "the reader of stdout went away (a closed pipe), so the call was cancelled");
        return codes;
    }

    /** The command this one runs under, when it does (its catalogue is the one offered). */
    private Main parent() {
        CommandSpec parent = spec.parent();
        return parent != null && parent.userObject() instanceof Main main ? main : null;
    }

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        BashConfig bash = sandboxOptions.apply(BashConfig.defaults().withPolicy(policyOptions.policy(cli)), cli);
        ToolRegistry registry = Main.catalogueOf(parent()).registry(StandardTools.Settings.of(bash));
        if (registry.find(toolName).isEmpty()) {
            throw new CommandLine.ParameterException(cli, "There is no tool named '" + toolName + "'; run 'agentstream tools' to list them.");
        }
        JsonNode input = readInput(cli);
        if (toolName.equals(dev.agentstream.tools.bash.BashTool.NAME)) SandboxOptions.warnIfUnavailable(bash, System.err);
        RuntimeConfig config;
        try {
            config = SpoolFolder.apply(RuntimeConfig.defaults().withOutputBudget(budget));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        if (buffered) registry.mode(toolName, StreamingMode.BUFFERED);

        // --json flushes once per event line, so its stdout is buffered: a large output event is one write, not
        // one per 8 KiB; console output is written as it comes (its renderer prints in small pieces).
        java.io.OutputStream stdout = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        if (json) stdout = new java.io.BufferedOutputStream(stdout, 1 << 16);
        PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        EventPrinter printer = json ? new JsonEventPrinter(out) : consolePrinter(out, err);

        ToolRuntime runtime = new ToolRuntime(registry, config);
        Session session = runtime.openSession();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<RunningCall> running = new AtomicReference<>();
        CountDownLatch resultShown = new CountDownLatch(1);
        // Registered before the call starts, so a Ctrl-C (or SIGTERM) at any moment cancels it: the call's
        // cancelled result is shown, then the session ends with its processes.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.get()) return;
            boundedShutdown(() -> {
                RunningCall current = running.get();
                if (current != null && current.cancel()) awaitQuietly(resultShown);
                printer.cancelled();
                runtime.close();
            });
        }, "agentstream-ctrl-c"));
        RunningCall call = runtime.start(session, new ToolCall(callId, toolName, input));
        running.set(call);

        // PrintStream swallows write errors; asking after each event notices a closed pipe at the next one,
        // and cancels the call rather than run it on for a reader that is gone.
        AtomicBoolean readerGone = new AtomicBoolean();
        ToolEvent terminal = call.deliver(event -> {
            printer.accept(event);
            if (out.checkError() && readerGone.compareAndSet(false, true)) call.cancel();
        });
        out.flush();
        resultShown.countDown();
        if (call.isCancelled() && !readerGone.get()) {
            // Ctrl-C: the shutdown hook ends the session; the process exits with 130 by the signal.
            return 130;
        }
        finished.set(true);
        runtime.close();
        if (readerGone.get() || out.checkError()) return 141;
        return switch (terminal) {
            case ToolEvent.Completed c -> c.result().isError() ? 1 : 0;
            default -> 1;
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ToolCallRenderer consolePrinter(PrintStream out, PrintStream err) {
        boolean live = Terminal.isTerminal(2);
        // stdout is the tool's own output, never styled: only the renderer's lines on stderr would be.
        Screen screen = new Screen(out, err, false, live, live ? Terminal.columns() : Terminal.FALLBACK_COLUMNS);
        return new ToolCallRenderer(screen, ToolCallRenderer.Layout.ALONE, buffered);
    }

    /**
     * Runs the shutdown work, but lets the JVM end after {@link #SHUTDOWN_GRACE} even if a tool is stuck
     * (in a blocking system call, say): a Ctrl-C must always end the process.
     */
    private static void boundedShutdown(Runnable work) {
        Thread worker = Thread.ofPlatform().daemon().name("agentstream-cancel").start(work);
        try {
            worker.join(SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode readInput(CommandLine cli) {
        String text;
        try {
            if (inputJson != null && !inputJson.equals("-")) {
                text = inputJson;
            } else if (inputJson != null) {
                text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            } else if (inputFile.equals("-")) {
                text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                text = Files.readString(Path.of(inputFile), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cli, "Cannot read the input file '" + inputFile + "': " + e.getMessage());
        }
        try {
            JsonNode node = EventJson.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw new CommandLine.ParameterException(cli, "The input must be a JSON object, e.g. {\"command\":\"ls\"}.");
            }
            return node;
        } catch (JsonProcessingException e) {
            if (InputLimits.isSizeLimit(e)) throw new CommandLine.ParameterException(cli, "The input is too big: " + InputLimits.TOO_BIG + ".");
            throw new CommandLine.ParameterException(cli, "The input is not valid JSON (" + e.getOriginalMessage()
                    + "); pass an object such as {\"command\":\"ls\"}.");
        }
    }
}
