package dev.agentstream.cli;

import dev.agentstream.tools.computer.ComputerConfig;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The computer tool's options every command that offers it shares, built with picocli's programmatic API (see
 * {@link OptionBinding} for why).
 */
final class ComputerOptions implements SharedOptions {

    Double settleSeconds;

    @Override
    public void addTo(CommandSpec command) {
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(this);
        mixin.addOption(OptionBinding.option(() -> settleSeconds, v -> settleSeconds = v, "--settle").paramLabel("SECONDS")
                .type(Double.class)
                .description("The longest the computer tool waits after an action for the screen to stop changing before its screenshot "
                        + "(default 2; 0 takes it at once; a call's 'settle' overrides it).").build());
        command.addMixin("computerOptions", mixin);
    }

    /** The computer tool's settings with these options; a bad value is bad usage. */
    ComputerConfig config(CommandLine cli) {
        ComputerConfig config = ComputerConfig.defaults();
        if (settleSeconds == null) return config;
        double max = ComputerConfig.MAX_SETTLE_LIMIT.toSeconds();
        if (settleSeconds.isNaN() || settleSeconds < 0 || settleSeconds > max) {
            throw new CommandLine.ParameterException(cli, "--settle must be 0 to " + (int) max + " seconds, got " + settleSeconds + ".");
        }
        return config.withSettleLimit(Duration.ofMillis(Math.round(settleSeconds * 1000)));
    }
}
