package dev.agentstream.cli;

import dev.agentstream.tick.TickTool;
import dev.agentstream.tools.StandardTools;

/** The agentstream command with one tool more than the standard catalogue: the only edit that tool needs. */
public final class ContractMain {

    private ContractMain() {}

    public static void main(String[] args) {
        System.exit(Main.commandLine(StandardTools.catalogue().with(setup -> new TickTool()), args).execute(args));
    }
}
