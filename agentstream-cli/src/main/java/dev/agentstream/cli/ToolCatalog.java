package dev.agentstream.cli;

import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.edit.EditTool;
import dev.agentstream.tools.find.FindTool;
import dev.agentstream.tools.tree.TreeTool;

/** The tools every front door offers. */
final class ToolCatalog {

    private ToolCatalog() {}

    static ToolRegistry defaultRegistry() {
        return registry(BashConfig.defaults());
    }

    static ToolRegistry registry(BashConfig bash) {
        return new ToolRegistry()
                .register(new BashTool(bash))
                .register(new EditTool())
                .register(new FindTool())
                .register(new TreeTool())
                .register(new ComputerTool());
    }
}
