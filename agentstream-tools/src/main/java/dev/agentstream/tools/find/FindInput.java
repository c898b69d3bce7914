package dev.agentstream.tools.find;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.tools.fs.FileTypeGuard;
import dev.agentstream.tools.fs.InputFields;
import dev.agentstream.tools.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The find tool's input, checked: every problem becomes one sentence saying what to send instead. */
record FindInput(Path path, String pattern, boolean regex, boolean caseSensitive, List<String> include,
                 List<String> exclude, int context, int maxResults, boolean hidden, boolean noIgnore) {

    static final int DEFAULT_MAX_RESULTS = 500;
    static final int MAX_MAX_RESULTS = 1_000_000;
    static final int MAX_CONTEXT = 50;

    static FindInput parse(JsonNode json, Workspace workspace, ToolSpec spec) {
        InputFields fields = new InputFields(json, spec);
        String rawPath = fields.requiredText("path", "\"/abs/project\"");
        String pattern = fields.requiredText("pattern", "\"TODO\"");
        Path path = workspace.resolve(rawPath);
        if (!Files.exists(path)) {
            throw new ToolInputException("'" + rawPath + "' does not exist; give an existing folder or file to search.");
        }
        FileTypeGuard.requireRegularFile(path, "searching it");
        return new FindInput(path, pattern,
                fields.bool("regex", false),
                fields.bool("case_sensitive", true),
                fields.textList("include"),
                fields.textList("exclude"),
                fields.integer("context", 0, 0, MAX_CONTEXT),
                fields.integer("max_results", DEFAULT_MAX_RESULTS, 1, MAX_MAX_RESULTS),
                fields.bool("hidden", false),
                fields.bool("no_ignore", false));
    }
}
