package dev.agentstream.cli;

import dev.agentstream.mcp.McpWarmUp;
import dev.agentstream.tools.bash.sandbox.Bubblewrap;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import dev.agentstream.tools.StandardTools;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code agentstream} command. */
@Command(name = "agentstream",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A streaming tool runtime for LLM agents: every tool streams its output and progress while it runs.",
        subcommands = {RunCommand.class, ServeCommand.class, ModelsCommand.class, SessionsCommand.class, McpCommand.class, ToolCommand.class, ToolsCommand.class, DisplayCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
        // The sandbox probe starts a process and waits for it: it runs while the command line is read.
        if (args.length > 0 && RUN_BASH.contains(args[0])) Bubblewrap.probeInBackground();
        // An MCP client waits for the answer to initialize: what it needs is readied on the other core meanwhile.
        if (args.length > 0 && args[0].equals("mcp")) McpWarmUp.startInBackground();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(StandardTools.catalogue());
    }

    static CommandLine commandLine(StandardTools catalogue) {
        return new CommandLine(new Main(catalogue));
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
