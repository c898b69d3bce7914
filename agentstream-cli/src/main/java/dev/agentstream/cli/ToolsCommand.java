package dev.agentstream.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.StandardTools;
import dev.agentstream.tools.bash.BashConfig;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentstream tools}: what can be called, with each tool's JSON schema. */
@Command(name = "tools", mixinStandardHelpOptions = true,
        description = "List the tools with their JSON input schemas; bash's description says where it runs (see --sandbox).")
final class ToolsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON array instead of text.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main parent;

    final SandboxOptions sandboxOptions = new SandboxOptions();

    /** This command's picocli model: its annotations, and the option groups it shares (built by hand, see {@link OptionBinding}). */
    static CommandLine commandLine() {
        ToolsCommand command = new ToolsCommand();
        return SharedOptions.annotatedWith(command, command.sandboxOptions);
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ArrayNode all = EventJson.mapper().createArrayNode();
        ToolRegistry registry = Main.catalogueOf(parent).registry(StandardTools.Settings.of(sandboxOptions.apply(BashConfig.defaults(), spec.commandLine())));
        for (Tool tool : registry.tools()) {
            ToolSpec spec = tool.spec();
            ObjectNode entry = all.addObject();
            entry.put("name", spec.name()).put("description", spec.description());
            spec.anthropicType().ifPresentOrElse(t -> entry.put("anthropicType", t), () -> entry.putNull("anthropicType"));
            entry.set("inputSchema", spec.inputSchema());
        }
        if (json) {
            out.println(EventJson.mapper().writeValueAsString(all));
        } else {
            for (var entry : all) {
                out.println(entry.get("name").asText()
                        + (entry.get("anthropicType").isNull() ? "" : "  (Anthropic " + entry.get("anthropicType").asText() + ")"));
                out.println("  " + entry.get("description").asText());
                String schema = EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(entry.get("inputSchema"));
                out.println("  input schema: " + schema.replace("\n", "\n  "));
                out.println();
            }
        }
        out.flush();
        return 0;
    }
}
