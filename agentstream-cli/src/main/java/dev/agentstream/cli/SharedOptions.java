package dev.agentstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** An option group several commands share, added to a command's picocli model in code (see {@link OptionBinding} for why). */
interface SharedOptions {

    /** Adds these options to {@code command}, bound to this object's fields. */
    void addTo(CommandSpec command);

    /** {@code command}'s picocli model, built from its annotations, with the shared {@code groups} added. */
    static CommandLine annotatedWith(Object command, SharedOptions... groups) {
        CommandLine cli = new CommandLine(command);
        for (SharedOptions group : groups) group.addTo(cli.getCommandSpec());
        return cli;
    }
}
