package dev.agentstream.tools.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolInputException;
import org.junit.jupiter.api.Test;

class FsHelpersTest {

    @Test
    void aNulByteInTheFirst8KiBMeansBinaryAndOneLaterDoesNot() {
        byte[] early = new byte[10_000];
        java.util.Arrays.fill(early, (byte) 'a');
        early[100] = 0;
        assertThat(BinaryContent.looksBinary(early, early.length)).isTrue();
        byte[] late = new byte[10_000];
        java.util.Arrays.fill(late, (byte) 'a');
        late[9_000] = 0;
        assertThat(BinaryContent.looksBinary(late, late.length)).isFalse();
        assertThat(BinaryContent.looksBinary(early, 50)).as("only the bytes read count").isFalse();
    }

    @Test
    void sizesReadLikeAPersonWritesThem() {
        assertThat(HumanSize.of(0)).isEqualTo("0 B");
        assertThat(HumanSize.of(1023)).isEqualTo("1023 B");
        assertThat(HumanSize.of(2048)).isEqualTo("2.0 KiB");
        assertThat(HumanSize.of(15 * 1024 * 1024)).isEqualTo("15 MiB");
    }

    @Test
    void theEntryFilterSkipsHiddenNamesAndTheGitFolder() {
        EntryFilter defaults = new EntryFilter(false, true);
        assertThat(defaults.byName(".env")).isEqualTo(EntryFilter.Verdict.HIDDEN);
        assertThat(defaults.byName(".git")).isEqualTo(EntryFilter.Verdict.IGNORED);
        assertThat(defaults.byName("src")).isNull();
        EntryFilter hidden = new EntryFilter(true, true);
        assertThat(hidden.byName(".env")).isNull();
        assertThat(hidden.byName(".git")).as(".git stays out while ignore rules are on").isEqualTo(EntryFilter.Verdict.IGNORED);
        EntryFilter everything = new EntryFilter(true, false);
        assertThat(everything.byName(".git")).isNull();
    }

    @Test
    void inputFieldsOfTheWrongTypeSayWhatIsExpected() throws Exception {
        JsonNode json = EventJson.mapper().readTree("{\"n\":\"x\",\"b\":1,\"list\":[1],\"big\":99}");
        InputFields fields = new InputFields(json);
        assertThatThrownBy(() -> fields.integer("n", 0, 0, 10)).isInstanceOf(ToolInputException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> fields.integer("big", 0, 0, 10)).hasMessageContaining("between 0 and 10");
        assertThatThrownBy(() -> fields.bool("b", false)).hasMessageContaining("true or false");
        assertThatThrownBy(() -> fields.textList("list")).hasMessageContaining("string or an array of strings");
        assertThat(fields.integer("absent", 7, 0, 10)).isEqualTo(7);
        assertThat(new InputFields(EventJson.mapper().readTree("{\"g\":\"*.java\"}")).textList("g")).containsExactly("*.java");
    }
}
