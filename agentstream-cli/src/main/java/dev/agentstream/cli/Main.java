package dev.agentstream.cli;

import dev.agentstream.core.StartupTrace;
import dev.agentstream.mcp.EarlyInitialize;
import dev.agentstream.mcp.HttpWarmUp;
import dev.agentstream.mcp.McpWarmUp;
import dev.agentstream.tools.bash.sandbox.Bubblewrap;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import dev.agentstream.tools.StandardTools;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code agentstream} command. Its picocli model is built with the programmatic API, not from annotations: every
 * start pays for it, an MCP client's connect included (see {@link OptionBinding}).
 */
public final class Main implements Runnable {

    private CommandSpec spec;

    private final StandardTools catalogue;

    public Main() {
        this(StandardTools.catalogue());
    }

    /** The command offering the tools of {@code catalogue} through every front door. */
    Main(StandardTools catalogue) {
        this.catalogue = catalogue;
    }
    /** Commands that run bash in its sandbox, whose start-up needs to know whether bubblewrap works. */
    private static final Set<String> RUN_BASH = Set.of("mcp", "tool", "run", "tools");

    public static void main(String[] args) {
        StartupTrace.mark("main");
        // The sandbox probe starts a process and waits for it: it runs while the command line is read.
        if (args.length > 0 && RUN_BASH.contains(args[0])) Bubblewrap.probeInBackground();
        // An MCP client waits for the answer to initialize: what it needs is readied on the other core meanwhile.
        if (args.length > 0 && args[0].equals("mcp")) {
            McpWarmUp.startInBackground();
            // Over stdio, the client's first lines are read (and initialize answered) while the server is built;
            // -Dagentstream.mcp.earlyInitialize=false leaves them to the server (to compare, or should a client need it).
            if (List.of(args).contains("--http")) {
                if (!"false".equals(System.getProperty("agentstream.mcp.httpWarmUp"))) HttpWarmUp.startInBackground();
            } else if (!"false".equals(System.getProperty("agentstream.mcp.earlyInitialize"))) {
                EarlyInitialize.startOnStdio();
            }
        }
        CommandLine commandLine = commandLine(StandardTools.catalogue(), args);
        StartupTrace.mark("command line built");
        System.exit(commandLine.execute(args));
    }

    /**
     * The subcommands (a command object, or a command line built with picocli's programmatic API), in the order
     * help lists them. Each is made only when registered: picocli reads a command's annotations and builds its model
     * when it is added, and a front door's start should not pay for the others' (nor load their classes: the
     * Anthropic SDK behind {@code run}, Jetty behind {@code serve}).
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("run", RunCommand::commandLine);
        all.put("serve", ServeCommand::commandLine);
        all.put("models", ModelsCommand::new);
        all.put("sessions", SessionsCommand::new);
        all.put("mcp", McpCommand::commandLine);
        all.put("tool", ToolCommand::commandLine);
        all.put("tools", ToolsCommand::commandLine);
        all.put("display", DisplayCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        return all;
    }

    /** The command line for {@code args}: with only the subcommand they name, or with all of them (help, errors). */
    static CommandLine commandLine(StandardTools catalogue, String... args) {
        Main main = new Main(catalogue);
        main.spec = CommandSpec.wrapWithoutInspection(main).name("agentstream").versionProvider(new Version());
        main.spec.usageMessage().description(
                "A streaming tool runtime for LLM agents: every tool streams its output and progress while it runs.");
        StandardHelpOptions.addTo(main.spec);
        CommandLine cli = new CommandLine(main.spec);
        boolean oneFrontDoor = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help");
        SUBCOMMANDS.forEach((name, command) -> {
            if (!oneFrontDoor || name.equals(args[0])) cli.addSubcommand(name, command.get());
        });
        return cli;
    }

    /** The command line with every subcommand. */
    static CommandLine commandLine(StandardTools catalogue) {
        return commandLine(catalogue, new String[0]);
    }

    /** The tools a subcommand offers: its parent's catalogue, or the standard one when it runs on its own. */
    static StandardTools catalogueOf(Main parent) {
        return parent == null ? StandardTools.catalogue() : parent.catalogue;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: run, serve, models, sessions, mcp, tool, tools, display or help.");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties props = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/agentstream-version.properties")) {
                if (in != null) props.load(in);
            }
            return new String[] {"agentstream " + props.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
