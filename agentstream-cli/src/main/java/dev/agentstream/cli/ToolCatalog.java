package dev.agentstream.cli;

import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.edit.EditTool;

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
                .register(new ComputerTool());
    }
}
