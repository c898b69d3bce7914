package dev.agentstream.tools.edit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the editor's tests share: a temp folder and a fresh {@link EditCalls} per test, closed after it. */
abstract class EditToolCalls {

    @TempDir
    Path tmp;

    EditCalls calls;

    @BeforeEach
    void setUpCalls() throws Exception {
        calls = new EditCalls(new EditTool(), Files.createDirectories(tmp.resolve("spool")));
    }

    @AfterEach
    void closeCalls() {
        calls.close();
    }
}
