package dev.agentstream.tools.edit;

import dev.agentstream.core.ToolInputException;
import dev.agentstream.tools.fs.FileTypeGuard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an edit must pass before anything is opened: writing commands work on regular files only (a FIFO
 * or /dev/zero would block or never end), a new file's path must not end in '/', and create's text must
 * fit the size this tool writes in one call.
 */
final class EditGuards {

    /** The most create writes in one call: the same bound as the files this tool edits in memory. */
    static final long MAX_CREATE_BYTES = TextFile.MAX_EDIT_BYTES;

    private EditGuards() {}

    static void check(EditInput input, Path path) {
        switch (input.command()) {
            case VIEW -> { }
            case CREATE -> checkCreate(input, path);
            case STR_REPLACE, INSERT, UNDO_EDIT -> FileTypeGuard.requireRegularFile(path, input.command().wireName());
        }
    }

    private static void checkCreate(EditInput input, Path path) {
        if (input.path().endsWith("/") && !Files.isDirectory(path)) {
            throw new ToolInputException("'" + input.path() + "' ends with '/', which names a folder, not a file; "
                    + "give the new file's path without the trailing slash.");
        }
        long bytes = utf8Length(input.fileText());
        if (bytes > MAX_CREATE_BYTES) {
            throw new ToolInputException("'file_text' is " + Sizes.human(bytes) + ", more than the " + Sizes.human(MAX_CREATE_BYTES)
                    + " create writes in one call; write a file this big with bash (for example in pieces appended with cat >> FILE).");
        }
    }

    private static long utf8Length(String text) {
        // Counting without encoding keeps a near-limit text from being copied once more just to be measured.
        if (text.length() * 3L <= MAX_CREATE_BYTES) return text.length();
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
