package dev.agentstream.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -h/--help} and {@code -V/--version} for a command built with picocli's programmatic API: the options of
 * {@code mixinStandardHelpOptions = true}, with its names, texts and mixin key (which picocli's help command looks
 * for), but without the annotation reflection picocli's own version of this mixin does.
 */
final class StandardHelpOptions {

    /** The key picocli files its standard help mixin under. */
    static final String MIXIN_NAME = "mixinStandardHelpOptions";

    private StandardHelpOptions() {}

    /** Adds the two options to {@code command}. */
    static void addTo(CommandSpec command) {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(OptionSpec.builder("${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}")
                .usageHelp(true).descriptionKey("mixinStandardHelpOptions.help").description("Show this help message and exit.")
                .type(boolean.class).initialValue(false).build());
        mixin.addOption(OptionSpec.builder("${picocli.version.name.0:--V}", "${picocli.version.name.1:---version}")
                .versionHelp(true).descriptionKey("mixinStandardHelpOptions.version").description("Print version information and exit.")
                .type(boolean.class).initialValue(false).build());
        command.addMixin(MIXIN_NAME, mixin);
    }
}
