package dev.agentstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
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
