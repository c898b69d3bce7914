package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstream.core.RuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFolderTest {

    @TempDir
    Path home;

    @Test
    void theSpoolBudgetComesFromConfigJsonForEveryFrontDoor() throws Exception {
        Files.writeString(home.resolve("config.json"), "{\"spool_max_size\": \"300m\", \"model\": \"ignored-here\"}");
        RuntimeConfig config = SpoolFolder.apply(RuntimeConfig.defaults(), Map.of("AGENTSTREAM_HOME", home.toString()));
        assertThat(config.spoolMaxBytes()).isEqualTo(300L << 20);
        assertThat(config.spoolDir()).isEqualTo(home.resolve("spool"));
    }

    @Test
    void withoutTheKeyOrTheFileTheDefaultBudgetStays() throws Exception {
        RuntimeConfig defaults = RuntimeConfig.defaults();
        assertThat(SpoolFolder.apply(defaults, Map.of("AGENTSTREAM_HOME", home.toString())).spoolMaxBytes()).isEqualTo(defaults.spoolMaxBytes());
        Files.writeString(home.resolve("config.json"), "{\"model\": \"x\"}");
        assertThat(SpoolFolder.apply(defaults, Map.of("AGENTSTREAM_HOME", home.toString())).spoolMaxBytes()).isEqualTo(defaults.spoolMaxBytes());
    }

    @Test
    void aBudgetThatIsNotASizeNamesTheFileAndTheKey() throws Exception {
        Path file = home.resolve("config.json");
        Files.writeString(file, "{\"spool_max_size\": \"lots\"}");
        assertThatThrownBy(() -> SpoolFolder.apply(RuntimeConfig.defaults(), Map.of("AGENTSTREAM_HOME", home.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": \"spool_max_size\": \"lots\" is not a size; give bytes or a number with k, m, g or t (e.g. 2g), or 0 for no cap.");
    }
}
