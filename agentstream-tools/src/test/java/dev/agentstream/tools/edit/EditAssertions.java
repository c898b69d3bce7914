package dev.agentstream.tools.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ToolEvent;

/** Checks shared by the editor tests. */
final class EditAssertions {

    private EditAssertions() {}

    /** The call ended with an error result (not a runtime failure) whose message is one sentence saying what to do. */
    static String assertInputError(EditCalls.Recorded call) {
        assertThat(call.terminal()).as("a completed call, not a runtime failure: %s", call.terminal()).isInstanceOf(ToolEvent.Completed.class);
        assertThat(call.isError()).as("an error result: %s", call.text()).isTrue();
        String text = call.text();
        assertThat(text).endsWith(".").doesNotContain("\n");
        return text;
    }

    static EditCalls.Recorded assertOk(EditCalls.Recorded call) {
        assertThat(call.terminal()).as("a completed call: %s", call.terminal()).isInstanceOf(ToolEvent.Completed.class);
        assertThat(call.isError()).as("a successful result: %s", call.text()).isFalse();
        return call;
    }
}
