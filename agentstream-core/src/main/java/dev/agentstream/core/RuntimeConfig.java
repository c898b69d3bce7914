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
 * @param spoolMaxBytes     how many bytes the spool's session folders may take together before the least recently
 *                          touched are removed ({@code AGENTSTREAM_SPOOL_MAX_SIZE}, when set, wins)
 */
public record RuntimeConfig(int outputBudgetChars, Path spoolDir, Duration progressInterval, long spoolMaxBytes) {

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(ModelViewConfig.DEFAULT_BUDGET,
                Path.of(System.getProperty("java.io.tmpdir"), "agentstream", "spool"),
                Duration.ofMillis(100), SpoolBudget.DEFAULT_BYTES);
    }

    public RuntimeConfig withOutputBudget(int chars) {
        if (chars < 1_000) {
            throw new IllegalArgumentException("The output budget must be at least 1000 characters, got " + chars + ".");
        }
        return new RuntimeConfig(chars, spoolDir, progressInterval, spoolMaxBytes);
    }

    public RuntimeConfig withSpoolDir(Path dir) {
        return new RuntimeConfig(outputBudgetChars, dir, progressInterval, spoolMaxBytes);
    }

    /**
     * The spool budget as config.json's {@code spool_max_size} gives it: bytes, or a number with {@code k},
     * {@code m}, {@code g} or {@code t} ({@code 500m}); {@code 0} for no cap.
     *
     * @throws IllegalArgumentException with a sentence saying what to give, when {@code size} is not a size
     */
    public RuntimeConfig withSpoolMaxSize(String size) {
        long bytes = SpoolBudget.parse(size, "\"" + SpoolBudget.CONFIG_KEY + "\": \"" + size + "\"").maxBytes();
        return new RuntimeConfig(outputBudgetChars, spoolDir, progressInterval, bytes);
    }
}
