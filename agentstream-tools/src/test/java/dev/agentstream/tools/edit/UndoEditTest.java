package dev.agentstream.tools.edit;

import static dev.agentstream.tools.edit.EditAssertions.assertInputError;
import static dev.agentstream.tools.edit.EditAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class UndoEditTest extends EditToolCalls {

    @Test
    void editsAreUndoneOneByOneBackToTheOriginalBytes() throws Exception {
        Path file = tmp.resolve("a.txt");
        byte[] original = "one\r\ntwo\r\nthree\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, original);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "two", "new_str", "2"));
        assertOk(calls.call("command", "insert", "path", file, "insert_line", 3, "insert_text", "four"));
        assertThat(Files.readString(file)).isEqualTo("one\r\n2\r\nthree\r\nfour\r\n");

        EditCalls.Recorded first = assertOk(calls.call("command", "undo_edit", "path", file));
        assertThat(Files.readString(file)).isEqualTo("one\r\n2\r\nthree\r\n");
        assertThat(first.text()).contains("undone").contains("     2\t2\n");
        assertThat(first.meta()).containsEntry("undoStepsLeft", 1);

        assertOk(calls.call("command", "undo_edit", "path", file));
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");

        assertThat(assertInputError(calls.call("command", "undo_edit", "path", file))).contains("no edit of");
    }

    @Test
    void undoingACreateDeletesTheFile() throws Exception {
        Path file = tmp.resolve("made.txt");
        assertOk(calls.call("command", "create", "path", file, "file_text", "hello\n"));
        EditCalls.Recorded undo = assertOk(calls.call("command", "undo_edit", "path", file));
        assertThat(file).doesNotExist();
        assertThat(undo.text()).contains("deleted");
    }

    @Test
    void undoRefusesToThrowAwayAChangeMadeByAnythingElse() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "x = 1\n");
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "1", "new_str", "2"));
        Files.writeString(file, "x = 2\ny = 3\n"); // someone else edits it afterwards
        assertThat(assertInputError(calls.call("command", "undo_edit", "path", file))).contains("changed after");
        assertThat(Files.readString(file)).isEqualTo("x = 2\ny = 3\n");
    }

    @Test
    void historyBelongsToTheSession() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "old\n");
        assertOk(calls.call("command", "str_replace", "path", file, "old_str", "old", "new_str", "new"));
        assertThat(calls.session.resource(EditHistory.SESSION_KEY, EditHistory.class, EditHistory::new).steps(file.toRealPath())).isEqualTo(1);
        try (EditCalls otherSession = new EditCalls(new EditTool(), tmp.resolve("spool"))) {
            assertThat(assertInputError(otherSession.call("command", "undo_edit", "path", file))).contains("in this session");
        }
        assertThat(Files.readString(file)).isEqualTo("new\n");
    }

    @Test
    void theHistoryForgetsTheOldestStepsBeyondItsSizeLimit() {
        Path a = Path.of("/a");
        Path b = Path.of("/b");
        try (EditHistory history = new EditHistory(10)) {
            history.record(a, new byte[6], new byte[1]);
            history.record(b, new byte[3], new byte[1]);
            assertThat(history.steps(a)).isEqualTo(1);
            history.record(b, new byte[4], new byte[1]); // 6 + 3 + 4 > 10: the step of /a goes
            assertThat(history.steps(a)).isZero();
            assertThat(history.steps(b)).isEqualTo(2);
            history.record(a, new byte[11], new byte[1]); // larger than the whole budget: not kept
            assertThat(history.steps(a)).isZero();
            assertThat(history.latest(b).orElseThrow().before()).hasSize(4);
        }
    }

    @Test
    void theHistoryKeepsABoundedNumberOfStepsPerFile() {
        Path a = Path.of("/a");
        try (EditHistory history = new EditHistory()) {
            for (int i = 0; i < EditHistory.MAX_STEPS_PER_FILE + 5; i++) history.record(a, new byte[] {(byte) i}, new byte[] {(byte) (i + 1)});
            assertThat(history.steps(a)).isEqualTo(EditHistory.MAX_STEPS_PER_FILE);
        }
    }
}
