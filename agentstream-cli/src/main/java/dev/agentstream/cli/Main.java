package dev.agentstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import dev.agentstream.tools.StandardTools;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code agentstream} command. */
@Command(name = "agentstream",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A streaming tool runtime for LLM agents: every tool streams its output and progress while it runs.",
        subcommands = {RunCommand.class, ModelsCommand.class, SessionsCommand.class, McpCommand.class, ToolCommand.class, ToolsCommand.class, DisplayCommand.class,
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

    public static void main(String[] args) {
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
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: run, models, sessions, mcp, tool, tools, display or help.");
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
