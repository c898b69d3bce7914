package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SpoolBudgetTest {

    @Test
    void readsSizesWithUnits() {
        assertThat(SpoolBudget.parse("4096").maxBytes()).isEqualTo(4096);
        assertThat(SpoolBudget.parse("500m").maxBytes()).isEqualTo(500L << 20);
        assertThat(SpoolBudget.parse("2G").maxBytes()).isEqualTo(2L << 30);
        assertThat(SpoolBudget.parse("3 GiB").maxBytes()).isEqualTo(3L << 30);
        assertThat(SpoolBudget.parse("0").maxBytes()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theDefaultAppliesWhenTheEnvironmentSaysNothing() {
        assertThat(SpoolBudget.fromEnvironment(Map.of()).maxBytes()).isEqualTo(SpoolBudget.DEFAULT_BYTES);
        assertThat(SpoolBudget.fromEnvironment(Map.of(SpoolBudget.ENV, "1k")).maxBytes()).isEqualTo(1024);
    }

    @Test
    void aWrongSizeSaysWhatToGive() {
        assertThatThrownBy(() -> SpoolBudget.parse("lots"))
                .hasMessage("AGENTSTREAM_SPOOL_MAX_SIZE=lots is not a size; give bytes or a number with k, m, g or t (e.g. 2g), or 0 for no cap.");
        assertThatThrownBy(() -> SpoolBudget.parse("99999999999t")).hasMessageContaining("too large");
    }

    @Test
    void theEnvironmentWinsOverTheConfiguredBudget() {
        SpoolBudget configured = new SpoolBudget(5L << 20);
        assertThat(SpoolBudget.fromEnvironment(Map.of(), configured)).isEqualTo(configured);
        assertThat(SpoolBudget.fromEnvironment(Map.of(SpoolBudget.ENV, "1k"), configured).maxBytes()).isEqualTo(1024);
    }

    @Test
    void theConfigKeyReadsLikeTheVariableAndNamesItselfInErrors() {
        assertThat(RuntimeConfig.defaults().spoolMaxBytes()).isEqualTo(SpoolBudget.DEFAULT_BYTES);
        assertThat(RuntimeConfig.defaults().withSpoolMaxSize("500m").spoolMaxBytes()).isEqualTo(500L << 20);
        assertThat(RuntimeConfig.defaults().withSpoolMaxSize("0").spoolMaxBytes()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> RuntimeConfig.defaults().withSpoolMaxSize("lots"))
                .hasMessage("\"spool_max_size\": \"lots\" is not a size; give bytes or a number with k, m, g or t (e.g. 2g), or 0 for no cap.");
    }
}
