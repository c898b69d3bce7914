package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToolEventTest {

    @Test
    void outputOfAsciiBytesIsTheOutputOfTheirText() {
        String text = "     1\tint x = \"a\\b\";\r\n\u0000\u001b[0m~\u007f";
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        ToolEvent.Output fromBytes = ToolEvent.Output.ofAscii("c1", 3, "stdout", ascii);
        ToolEvent.Output fromText = new ToolEvent.Output("c1", 3, "stdout", text);

        assertThat(fromBytes.textLength()).isEqualTo(text.length());
        assertThat(fromBytes.utf8()).isSameAs(ascii).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(fromBytes.text()).isEqualTo(text);
        assertThat(fromBytes.text()).isSameAs(fromBytes.text()); // made once
        assertThat(fromBytes).isEqualTo(fromText).hasSameHashCodeAs(fromText).hasToString(fromText.toString());
        assertThat(fromText.textLength()).isEqualTo(text.length());
        assertThat(fromText.utf8()).isNull();
    }

    @Test
    void outputsDifferingInTheirTextAreNotEqual() {
        ToolEvent.Output a = ToolEvent.Output.ofAscii("c1", 3, "stdout", "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(a).isNotEqualTo(ToolEvent.Output.ofAscii("c1", 3, "stdout", "abd".getBytes(StandardCharsets.US_ASCII)))
                .isNotEqualTo(new ToolEvent.Output("c1", 3, "stderr", "abc"))
                .isNotEqualTo(new ToolEvent.Output("c1", 4, "stdout", "abc"));
    }
}
