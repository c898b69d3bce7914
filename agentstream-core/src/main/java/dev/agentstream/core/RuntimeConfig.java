package dev.agentstream.core;

import dev.agentstream.core.view.ModelViewConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings shared by every call of a runtime.
 *
 * @param outputBudgetChars how many characters of a call's output the model is sent (head and tail kept)
 * @param spoolDir          where the full output of every call is written, so nothing is ever lost
 * @param progressInterval  the shortest gap between two progress events of one call
 */
public record RuntimeConfig(int outputBudgetChars, Path spoolDir, Duration progressInterval) {

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(ModelViewConfig.DEFAULT_BUDGET,
                Path.of(System.getProperty("java.io.tmpdir"), "agentstream", "spool"),
                Duration.ofMillis(100));
    }

    public RuntimeConfig withOutputBudget(int chars) {
        if (chars < 1_000) {
            throw new IllegalArgumentException("The output budget must be at least 1000 characters, got " + chars + ".");
        }
        return new RuntimeConfig(chars, spoolDir, progressInterval);
    }

    public RuntimeConfig withSpoolDir(Path dir) {
        return new RuntimeConfig(outputBudgetChars, dir, progressInterval);
    }
}
