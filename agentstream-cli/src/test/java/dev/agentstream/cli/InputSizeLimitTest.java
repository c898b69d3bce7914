package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs past the size limits get a plain sentence naming the limit and the way around it, never the parser's message. */
class InputSizeLimitTest {

    @TempDir
    Path dir;

    @Test
    void createOfMoreThanThirtyTwoMegabytesIsAnErrorThatSaysHowToWriteABigFile() throws Exception {
        Path target = dir.resolve("big.txt");
        Path input = Files.writeString(dir.resolve("input.json"),
                "{\"command\":\"create\",\"path\":\"" + target + "\",\"file_text\":\"" + "x".repeat(40 * 1024 * 1024) + "\"}");
        try (CliProcess cli = CliProcess.start(dir, "tool", "str_replace_based_edit_tool", "--input-file", input.toString())) {
            assertThat(cli.waitFor()).isEqualTo(1);
            assertThat(cli.stderr.get()).contains("more than the 32.0 MiB create writes in one call").contains("bash")
                    .doesNotContain("exceeds the maximum").doesNotContain("\tat ");
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void aStringBeyondTheParserLimitIsAUsageErrorThatNamesTheLimit() throws Exception {
        Path input = Files.writeString(dir.resolve("input.json"),
                "{\"command\":\"create\",\"path\":\"" + dir.resolve("huge.txt") + "\",\"file_text\":\"" + "x".repeat(65 * 1024 * 1024) + "\"}");
        try (CliProcess cli = CliProcess.start(dir, "tool", "str_replace_based_edit_tool", "--input-file", input.toString())) {
            assertThat(cli.waitFor()).isEqualTo(2);
            assertThat(cli.stderr.get()).contains("longer than 64 Mi characters").doesNotContain("String value length").doesNotContain("\tat ");
        }
    }
}
