package dev.agentstream.cli;

import dev.agentstream.tools.computer.ComputerConfig;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The computer tool's options every command that offers it shares. */
final class ComputerOptions {

    @Option(names = "--settle", paramLabel = "SECONDS",
            description = "The longest the computer tool waits after an action for the screen to stop changing before its screenshot "
                    + "(default 2; 0 takes it at once; a call's 'settle' overrides it).")
    Double settleSeconds;

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
