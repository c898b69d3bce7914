package dev.agentstream.tools.computer;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the computer tool.
 *
 * @param displaySize        the size of the virtual display (Xvfb) started when there is no {@code DISPLAY}
 * @param alwaysStartDisplay start a virtual display even when {@code DISPLAY} is set (tests, benchmarks:
 *                           never touch the user's desktop)
 * @param scaling            how screenshots are scaled to the resolution the model sees
 * @param settleLimit        the longest an action waits for the screen to settle before its screenshot
 *                           (computer-use-demo always waits 2 s); a call's {@code settle} overrides it, 0
 *                           takes the screenshot at once
 * @param settleQuiet        how long the screen must stay unchanged to count as settled
 * @param cacheUnchanged     when the screen is pixel-identical to the last screenshot the model was sent,
 *                           send a short text instead of the same image again
 */
public record ComputerConfig(DisplaySize displaySize, boolean alwaysStartDisplay, Scaling scaling, Duration settleLimit,
                             Duration settleQuiet, boolean cacheUnchanged) {

    public static final Duration DEFAULT_SETTLE_LIMIT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SETTLE_QUIET = Duration.ofMillis(300);
    /** The largest settle limit a call or a setting may ask for. */
    public static final Duration MAX_SETTLE_LIMIT = Duration.ofSeconds(60);

    public ComputerConfig {
        Objects.requireNonNull(displaySize, "displaySize");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(settleLimit, "settleLimit");
        Objects.requireNonNull(settleQuiet, "settleQuiet");
        if (settleLimit.isNegative() || settleLimit.compareTo(MAX_SETTLE_LIMIT) > 0) {
            throw new IllegalArgumentException("The settle limit must be 0 to " + MAX_SETTLE_LIMIT.toSeconds() + " s, got "
                    + settleLimit.toMillis() / 1000.0 + " s.");
        }
        if (settleQuiet.isNegative() || settleQuiet.isZero()) {
            throw new IllegalArgumentException("The settle quiet period must be positive, got " + settleQuiet.toMillis() + " ms.");
        }
    }

    public static ComputerConfig defaults() {
        return new ComputerConfig(DisplaySize.DEFAULT, false, Scaling.standard(), DEFAULT_SETTLE_LIMIT, DEFAULT_SETTLE_QUIET, true);
    }

    public ComputerConfig withDisplaySize(DisplaySize size) {
        return new ComputerConfig(size, alwaysStartDisplay, scaling, settleLimit, settleQuiet, cacheUnchanged);
    }

    public ComputerConfig withAlwaysStartDisplay(boolean always) {
        return new ComputerConfig(displaySize, always, scaling, settleLimit, settleQuiet, cacheUnchanged);
    }

    public ComputerConfig withScaling(Scaling newScaling) {
        return new ComputerConfig(displaySize, alwaysStartDisplay, newScaling, settleLimit, settleQuiet, cacheUnchanged);
    }

    public ComputerConfig withSettleLimit(Duration limit) {
        return new ComputerConfig(displaySize, alwaysStartDisplay, scaling, limit, settleQuiet, cacheUnchanged);
    }

    public ComputerConfig withSettleQuiet(Duration quiet) {
        return new ComputerConfig(displaySize, alwaysStartDisplay, scaling, settleLimit, quiet, cacheUnchanged);
    }

    public ComputerConfig withCacheUnchanged(boolean cache) {
        return new ComputerConfig(displaySize, alwaysStartDisplay, scaling, settleLimit, settleQuiet, cache);
    }
}
