package dev.agentstream.tools.tree;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.tools.fs.InputFields;
import dev.agentstream.tools.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tree tool's input, checked: every problem becomes one sentence saying what to send instead. */
record TreeInput(Path path, int maxDepth, int maxEntries, boolean sizes, boolean hidden, boolean noIgnore) {

    static final int DEFAULT_MAX_DEPTH = 3;
    /** Deep enough for any real tree; the walk holds one open listing per level while it counts. */
    static final int MAX_MAX_DEPTH = 256;
    static final int DEFAULT_MAX_ENTRIES = 1000;
    static final int MAX_MAX_ENTRIES = 10_000_000;

    static TreeInput parse(JsonNode json, Workspace workspace, ToolSpec spec) {
        InputFields fields = new InputFields(json, spec);
        String rawPath = fields.requiredText("path", "\"/abs/project\"");
        Path path = workspace.resolve(rawPath);
        if (!Files.exists(path)) {
            throw new ToolInputException("'" + rawPath + "' does not exist; give an existing folder.");
        }
        if (!Files.isDirectory(path)) {
            throw new ToolInputException("'" + rawPath + "' is a file, not a folder; give the folder that holds it.");
        }
        return new TreeInput(path,
                fields.integer("max_depth", DEFAULT_MAX_DEPTH, 1, MAX_MAX_DEPTH),
                fields.integer("max_entries", DEFAULT_MAX_ENTRIES, 1, MAX_MAX_ENTRIES),
                fields.bool("sizes", false),
                fields.bool("hidden", false),
                fields.bool("no_ignore", false));
    }
}
