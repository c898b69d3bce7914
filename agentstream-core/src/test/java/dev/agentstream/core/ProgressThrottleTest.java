package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    private static final long MS = 1_000_000L;
    private final ProgressThrottle throttle = new ProgressThrottle(Duration.ofMillis(100));

    @Test
    void letsTheFirstUpdateThroughThenAtMostOnePerInterval() {
        assertThat(throttle.admit(0, "m", OptionalDouble.of(0.1), Map.of())).isTrue();
        assertThat(throttle.admit(50 * MS, "m", OptionalDouble.of(0.2), Map.of())).isFalse();
        assertThat(throttle.admit(100 * MS, "m", OptionalDouble.of(0.3), Map.of())).isTrue();
    }

    @Test
    void dropsUpdatesThatChangeNothingAWatcherWouldSee() {
        assertThat(throttle.admit(0, "m", OptionalDouble.of(0.5), Map.of("bytes", 10L))).isTrue();
        assertThat(throttle.admit(500 * MS, "m", OptionalDouble.of(0.5), Map.of("bytes", 10L))).isFalse();
        assertThat(throttle.admit(600 * MS, "m", OptionalDouble.of(0.50001), Map.of("bytes", 10L))).isFalse();
        assertThat(throttle.admit(700 * MS, "m", OptionalDouble.of(0.5), Map.of("bytes", 11L))).isTrue();
    }

    @Test
    void elapsedTimeCountsAsChangeOnlyAcrossWholeSeconds() {
        assertThat(throttle.admit(0, "m", OptionalDouble.empty(), Map.of("elapsedMs", 100L))).isTrue();
        assertThat(throttle.admit(300 * MS, "m", OptionalDouble.empty(), Map.of("elapsedMs", 400L))).isFalse();
        assertThat(throttle.admit(1000 * MS, "m", OptionalDouble.empty(), Map.of("elapsedMs", 1100L))).isTrue();
    }

    @Test
    void aNewPhaseIsShownEvenRightAfterTheLastUpdateButNotWithinAFewMilliseconds() {
        assertThat(throttle.admit(0, "capturing", OptionalDouble.of(0.0), Map.of())).isTrue();
        assertThat(throttle.admit(2 * MS, "scaling", OptionalDouble.of(0.5), Map.of())).isFalse();
        assertThat(throttle.admit(20 * MS, "scaling", OptionalDouble.of(0.5), Map.of())).isTrue();
        assertThat(throttle.admit(30 * MS, "scaling", OptionalDouble.of(0.6), Map.of())).isFalse();
        assertThat(throttle.admit(40 * MS, "encoding", OptionalDouble.of(0.7), Map.of())).isTrue();
    }
}
