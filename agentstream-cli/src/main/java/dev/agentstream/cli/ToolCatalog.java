package dev.agentstream.cli;

import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.edit.EditTool;
import dev.agentstream.tools.find.FindTool;
import dev.agentstream.tools.fs.Workspace;
import dev.agentstream.tools.tree.TreeTool;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/** The tools every front door offers. */
final class ToolCatalog {

    private ToolCatalog() {}

    /** What the registry's bash says about its sandbox, or nothing when it has no bash. */
    static String sandboxSummary(ToolRegistry registry) {
        return registry.find(BashTool.NAME).filter(BashTool.class::isInstance).map(BashTool.class::cast)
                .map(BashTool::sandboxSummary).orElse("");
    }

    /** All tools; the computer tool finds or starts its display only when first used. */
    static ToolRegistry registry(BashConfig bash) {
        return registry(bash, Workspace.unrestricted(), new ComputerTool());
    }

    /** All tools, the file tools confined to the workspace's folders, the computer tool with these settings. */
    static ToolRegistry registry(BashConfig bash, Workspace workspace, ComputerConfig computerConfig) {
        return registry(bash, workspace, new ComputerTool(computerConfig));
    }

    /**
     * All tools, with the desktop up front: the computer tool's display starts now, in the background (so a
     * front door answers its client meanwhile), and the shell gets its DISPLAY, so programs the agent launches
     * from bash appear on the screen it sees. A shell starting before the display runs waits for it.
     */
    static ToolRegistry desktopRegistry(BashConfig bash, ComputerConfig computerConfig) {
        return desktopRegistry(bash, Workspace.unrestricted(), computerConfig);
    }

    /** {@link #desktopRegistry(BashConfig, ComputerConfig)} with the file tools confined to the workspace's folders. */
    static ToolRegistry desktopRegistry(BashConfig bash, Workspace workspace, ComputerConfig computerConfig) {
        ComputerTool computer = new ComputerTool(computerConfig);
        CompletableFuture<String> display = computer.startDisplayInBackground().whenComplete((name, failure) -> {
            if (failure != null) LoggerFactory.getLogger(ToolCatalog.class).warn("No display for the computer tool: {}", failure.getMessage());
        });
        return registry(bash.withEnvironmentVariable("DISPLAY", () -> display.exceptionally(failure -> null).join()), workspace, computer);
    }

    private static ToolRegistry registry(BashConfig bash, Workspace workspace, ComputerTool computer) {
        return new ToolRegistry()
                .register(new BashTool(bash))
                .register(new EditTool(workspace))
                .register(new FindTool(workspace))
                .register(new TreeTool(workspace))
                .register(computer);
    }
}
