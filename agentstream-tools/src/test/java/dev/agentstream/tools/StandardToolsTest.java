package dev.agentstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandardToolsTest {

    private static final ToolRegistry REGISTRY = StandardTools.catalogue().registry(StandardTools.Settings.of(BashConfig.defaults()));

    private static JsonNode json(String text) throws Exception {
        return EventJson.mapper().readTree(text);
    }

    private static ToolSpec spec(String name) {
        return REGISTRY.find(name).orElseThrow().spec();
    }

    @Test
    void theCatalogueOffersTheFiveToolsInOrder() {
        assertThat(REGISTRY.tools()).extracting(t -> t.spec().name())
                .containsExactly("bash", "str_replace_based_edit_tool", "find", "tree", "computer");
    }

    @Test
    void theStandardNamesAreThoseOfTheToolsTheCatalogueMakesAndBashSaysWhereItRunsWithoutBeingMade() {
        assertThat(StandardTools.standardNames()).containsExactlyInAnyOrderElementsOf(REGISTRY.tools().stream().map(t -> t.spec().name()).toList());
        BashConfig off = BashConfig.defaults().withSandbox(SandboxConfig.off());
        for (BashConfig config : List.of(BashConfig.defaults(), off)) {
            ToolRegistry registry = StandardTools.catalogue().registry(StandardTools.Settings.of(config));
            assertThat(BashTool.sandboxSummary(config)).isEqualTo(StandardTools.sandboxSummary(registry));
        }
    }

    @Test
    void eachToolSaysWhichStateItsCallsTakeForThemselves() throws Exception {
        assertThat(spec("bash").laneOf(json("{\"command\":\"ls\"}"))).contains("shell");
        assertThat(spec("bash").laneOf(json("{\"restart\":true}"))).contains("shell");
        assertThat(spec("computer").laneOf(json("{\"action\":\"screenshot\"}"))).contains("screen");
        assertThat(spec("str_replace_based_edit_tool").laneOf(json("{\"command\":\"view\",\"path\":\"/tmp/x/../a.txt\"}")))
                .contains("file:/tmp/a.txt");
        assertThat(spec("str_replace_based_edit_tool").laneOf(json("{\"command\":\"create\",\"path\":\"/tmp/b.txt\"}")))
                .contains("file:/tmp/b.txt");
        assertThat(spec("find").laneOf(json("{\"pattern\":\"x\",\"path\":\"/tmp\"}"))).isEmpty();
        assertThat(spec("tree").laneOf(json("{\"path\":\"/tmp\"}"))).isEmpty();
    }

    @Test
    void eachToolSummarizesACallInOneLine() throws Exception {
        assertThat(spec("bash").summarize(json("{\"command\":\"make test\\necho done\\necho again\"}"))).isEqualTo("make test  (+2 more lines)");
        assertThat(spec("bash").summarize(json("{\"restart\":true}"))).isEqualTo("(restart the shell)");
        assertThat(spec("bash").summarize(json("{\"stdin\":\"yes\\n\"}"))).isEqualTo("(type) yes\\n");
        assertThat(spec("bash").summarize(json("{\"command\":\"\"}"))).isEqualTo("(wait for more output)");
        assertThat(spec("str_replace_based_edit_tool").summarize(json("{\"command\":\"view\",\"path\":\"/a/b.txt\"}"))).isEqualTo("view /a/b.txt");
        assertThat(spec("computer").summarize(json("{\"action\":\"left_click\",\"coordinate\":[10,20]}"))).isEqualTo("left_click (10, 20)");
        assertThat(spec("computer").summarize(json("{\"action\":\"type\",\"text\":\"hello\"}"))).isEqualTo("type hello");
        assertThat(spec("find").summarize(json("{\"pattern\":\"TODO\",\"path\":\"/src\"}"))).isEqualTo("TODO /src");
        assertThat(spec("tree").summarize(json("{\"path\":\"/src\"}"))).isEqualTo("/src");
    }

    /** A tool the catalogue does not know: one package of its own and one line to offer it. */
    static final class Shout implements Tool {
        @Override
        public ToolSpec spec() {
            return ToolSpec.fromJson("shout", "Says the text in capitals.", "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}",
                    Optional.empty());
        }

        @Override
        public ToolStream execute(ToolCall call, ToolContext context) {
            return ToolStreams.start(call, context, scope -> ToolResult.text(call.input().path("text").asText().toUpperCase()));
        }
    }

    @Test
    void withAddsAToolToACopyOfTheCatalogue() {
        StandardTools more = StandardTools.catalogue().with(setup -> new Shout());
        ToolRegistry registry = more.registry(StandardTools.Settings.of(BashConfig.defaults()));
        assertThat(registry.tools()).extracting(t -> t.spec().name()).endsWith("computer", "shout");
        assertThat(registry.call(new ToolCall("c1", "shout", JsonNodeFactory.instance.objectNode().put("text", "hi")),
                ToolContext.of(dev.agentstream.core.Session.create())).text()).isEqualTo("HI");
        assertThat(REGISTRY.find("shout")).isEmpty();
    }

    @Test
    void theSandboxSummaryComesFromTheCataloguesBash() {
        assertThat(StandardTools.sandboxSummary(REGISTRY)).isNotBlank();
        assertThat(StandardTools.sandboxSummary(new ToolRegistry())).isEmpty();
    }
}
