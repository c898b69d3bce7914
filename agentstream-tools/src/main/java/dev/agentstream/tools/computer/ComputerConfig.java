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
 * @param settleDelay        how long after an action the screen is given to settle before its screenshot
 *                           (computer-use-demo waits 2 s)
 * @param cacheUnchanged     when the screen is pixel-identical to the last screenshot the model was sent,
 *                           send a short text instead of the same image again
 */
public record ComputerConfig(DisplaySize displaySize, boolean alwaysStartDisplay, Scaling scaling, Duration settleDelay,
                             boolean cacheUnchanged) {

    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofSeconds(2);

    public ComputerConfig {
        Objects.requireNonNull(displaySize, "displaySize");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(settleDelay, "settleDelay");
        if (settleDelay.isNegative()) throw new IllegalArgumentException("The settle delay cannot be negative: " + settleDelay + ".");
    }

    public static ComputerConfig defaults() {
        return new ComputerConfig(DisplaySize.DEFAULT, false, Scaling.standard(), DEFAULT_SETTLE_DELAY, true);
    }

    public ComputerConfig withDisplaySize(DisplaySize size) {
        return new ComputerConfig(size, alwaysStartDisplay, scaling, settleDelay, cacheUnchanged);
    }

    public ComputerConfig withAlwaysStartDisplay(boolean always) {
        return new ComputerConfig(displaySize, always, scaling, settleDelay, cacheUnchanged);
    }

    public ComputerConfig withScaling(Scaling newScaling) {
        return new ComputerConfig(displaySize, alwaysStartDisplay, newScaling, settleDelay, cacheUnchanged);
    }

    public ComputerConfig withSettleDelay(Duration delay) {
        return new ComputerConfig(displaySize, alwaysStartDisplay, scaling, delay, cacheUnchanged);
    }

    public ComputerConfig withCacheUnchanged(boolean cache) {
        return new ComputerConfig(displaySize, alwaysStartDisplay, scaling, settleDelay, cache);
    }
}
