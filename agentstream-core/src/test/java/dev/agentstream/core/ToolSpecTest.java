package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolSpecTest {

    private static final ToolSpec PLAIN = new ToolSpec("plain", "d", JsonNodeFactory.instance.objectNode(), Optional.empty());

    @Test
    void aSpecThatDeclaresNothingIsTitledByItsNameWithNoHintsAndNoFacts() {
        assertThat(PLAIN.title()).isEqualTo("plain");
        assertThat(PLAIN.hints()).isEmpty();
        assertThat(PLAIN.factsSchema()).isEmpty();
    }

    @Test
    void aToolsTitleHintsAndFactsSurviveLaterChangesToItsSpec() {
        ToolSpec spec = PLAIN.withPresentation("Plain tool", ToolHints.readOnly(false))
                .withFactsSchema("{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"}},\"required\":[\"count\"]}")
                .withDescription("other").withLane(CallLane.none()).withSummary(CallSummary.rawInput());
        assertThat(spec.title()).isEqualTo("Plain tool");
        assertThat(spec.hints()).contains(new ToolHints(true, false, true, false));
        assertThat(spec.factsSchema().orElseThrow().path("properties").has("count")).isTrue();
        assertThat(spec.description()).isEqualTo("other");
    }

    @Test
    void aFactsSchemaThatIsNotJsonOrHasNoPropertiesIsRefusedAtOnce() {
        assertThatThrownBy(() -> PLAIN.withFactsSchema("{\"type\":")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain");
        assertThatThrownBy(() -> PLAIN.withFactsSchema("{\"type\":\"object\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no properties");
    }
}
