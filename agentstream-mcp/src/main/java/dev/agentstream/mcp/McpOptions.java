package dev.agentstream.mcp;

import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an agentstream MCP server offers: the registry's tools (all of them, or only those named in
 * {@code exposedTools}) run with {@code runtime}'s settings. Streaming is the registry's own business:
 * a tool in BUFFERED mode sends no progress, only its result. {@code notes} are added to the server's
 * instructions (e.g. where bash runs).
 */
public record McpOptions(ToolRegistry registry, RuntimeConfig runtime, Set<String> exposedTools, String version, String notes) {

    public McpOptions(ToolRegistry registry, RuntimeConfig runtime, Set<String> exposedTools, String version) {
        this(registry, runtime, exposedTools, version, "");
    }

    public McpOptions {
        exposedTools = Set.copyOf(exposedTools);
        List<String> unknown = exposedTools.stream().filter(name -> registry.find(name).isEmpty()).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("There is no tool named " + String.join(", ", unknown) + "; choose from: "
                    + String.join(", ", registry.tools().stream().map(t -> t.spec().name()).toList()) + ".");
        }
    }

    public static McpOptions of(ToolRegistry registry) {
        return new McpOptions(registry, RuntimeConfig.defaults(), Set.of(), "dev");
    }

    public McpOptions withRuntime(RuntimeConfig newRuntime) {
        return new McpOptions(registry, newRuntime, exposedTools, version, notes);
    }

    public McpOptions withExposedTools(Set<String> names) {
        return new McpOptions(registry, runtime, names, version, notes);
    }

    public McpOptions withVersion(String newVersion) {
        return new McpOptions(registry, runtime, exposedTools, newVersion, notes);
    }

    public McpOptions withNotes(String newNotes) {
        return new McpOptions(registry, runtime, exposedTools, version, newNotes);
    }

    /** What the server tells clients about itself: {@code base}, and {@code notes} when there are any. */
    static String instructions(String base, String notes) {
        return notes.isBlank() ? base : base + " " + notes.strip();
    }

    /** The tools a client sees, in the registry's order. */
    List<Tool> exposed() {
        List<Tool> tools = new ArrayList<>();
        for (Tool tool : registry.tools()) {
            if (exposedTools.isEmpty() || exposedTools.contains(tool.spec().name())) tools.add(tool);
        }
        return tools;
    }

    /** The names of the tools a client sees. */
    Set<String> exposedNames() {
        return exposed().stream().map(tool -> tool.spec().name()).collect(Collectors.toUnmodifiableSet());
    }
}
