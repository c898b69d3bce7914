package dev.agentstream.cli;

import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.StreamingMode;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.mcp.BearerToken;
import dev.agentstream.mcp.HttpAccess;
import dev.agentstream.server.AgentServer;
import dev.agentstream.server.LoopFactory;
import dev.agentstream.tools.StandardTools;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.DisplayUnavailableException;
import dev.agentstream.tools.Workspace;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentstream serve}: the agent in a browser page, its events live, tasks and Stop from the page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Give Claude tasks from a browser page and watch it work: its words, thinking, tool output, progress and screenshots stream live.",
                "Prints the URL to open (with its token) on the first line. Needs ANTHROPIC_API_KEY, like run."})
public final class ServeCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 8932;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "The address to bind (default ${DEFAULT-VALUE}, loopback only; "
            + "another address opens the page to other machines, still behind the token).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "N", description = "The port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = DEFAULT_PORT;

    @Option(names = "--root", paramLabel = "DIR", description = "The folder the agent works in (default: the working directory): bash starts there and the file tools stay inside it.")
    Path root;

    @Option(names = "--buffered", description = "Tools report only their final result (no live output).")
    boolean buffered;

    @Option(names = "--budget", paramLabel = "CHARS", description = "Characters of each tool's output the model is sent (default ${DEFAULT-VALUE}).")
    int budget = RuntimeConfig.defaults().outputBudgetChars();

    @CommandLine.ParentCommand
    Main parent;

    @CommandLine.Mixin
    AgentOptions agentOptions;

    final PolicyOptions policyOptions = new PolicyOptions();

    final ComputerOptions computerOptions = new ComputerOptions();

    final SandboxOptions sandboxOptions = new SandboxOptions();

    /** This command's picocli model: its annotations, and the option groups it shares (built by hand, see {@link OptionBinding}). */
    static CommandLine commandLine() {
        ServeCommand command = new ServeCommand();
        return SharedOptions.annotatedWith(command, command.policyOptions, command.computerOptions, command.sandboxOptions);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Path folder = (root == null ? Path.of("") : root).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) throw new CommandLine.ParameterException(cli, "--root " + root + " is not a folder; name an existing one.");
        AgentSettings base;
        HttpAccess access;
        try {
            base = agentOptions.settings().workingDirectory(folder).build();
            access = new HttpAccess(host, port, Optional.of(BearerToken.generate()), List.of());
        } catch (AgentConfigException e) {
            err.println("agentstream: " + RunWording.problem(e));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("agentstream: " + e.getMessage());
            return 2;
        }
        RuntimeConfig runtime = SpoolFolder.withConfiguredBudget(RuntimeConfig.defaults().withOutputBudget(budget).withSpoolDir(base.home().spoolDir()),
                base.home().configFile());
        BashConfig bash = sandboxOptions.apply(BashConfig.defaults().withPolicy(policyOptions.policy(cli)).withWorkingDirectory(folder), cli);
        SandboxOptions.warnIfUnavailable(bash, err);
        ToolRegistry registry = Main.catalogueOf(parent).registry(StandardTools.Settings.of(bash)
                .withWorkspace(Workspace.of(List.of(folder))).withComputer(computerOptions.config(cli)).withDesktop(true));
        if (buffered) registry.defaultMode(StreamingMode.BUFFERED);
        AgentSettings settings = RunCommand.withComputerDisplay(base, registry, err);
        LoopFactory loops = LoopFactory.of(settings, registry, runtime);
        AgentServer server;
        try {
            TranscriptStore store = new TranscriptStore(settings.home().sessionsDir());
            Optional<DisplayAccess> display = desktop(cli, err);
            server = display.isPresent() ? AgentServer.start(access, store, loops, display.get()) : AgentServer.start(access, store, loops);
        } catch (IOException e) {
            err.println("agentstream serve: cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); choose another --port, or 0 for any free one.");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "agentstream-serve-shutdown"));
        out.println(server.pageUrl());
        if (!access.isLoopback()) {
            err.println("agentstream serve: warning: " + host + " is not loopback, so other machines can reach this page; anyone with the "
                    + "token can run commands as you, and plain HTTP carries the token in clear text over the network.");
        }
        err.println("agentstream serve: open the URL above in a browser; sessions are saved in " + settings.home().sessionsDir() + ". Ctrl-C stops the server.");
        server.join();
        return 0;
    }

    /** The computer tool's display for the live desktop pane, or none (with a warning) where there is no display. */
    private Optional<DisplayAccess> desktop(CommandLine cli, PrintStream err) {
        try {
            return Optional.of(DisplayAccess.acquire(computerOptions.config(cli)));
        } catch (DisplayUnavailableException e) {
            err.println("agentstream serve: no live desktop: " + e.getMessage());
            return Optional.empty();
        }
    }
}
