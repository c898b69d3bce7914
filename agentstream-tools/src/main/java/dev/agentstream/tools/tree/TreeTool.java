package dev.agentstream.tools.tree;

import dev.agentstream.core.CallLane;
import dev.agentstream.core.CallScope;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolHints;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import dev.agentstream.core.view.OutputKind;
import dev.agentstream.tools.fs.EntryFilter;
import dev.agentstream.tools.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code tree} tool: a folder's structure drawn like {@code tree}, streamed entry by entry as the
 * walk visits it, within a depth and an entry limit, skipping what {@code .gitignore} and {@code .ignore}
 * exclude, {@code .git/} and hidden entries unless asked. Memory stays flat on trees of millions of entries.
 */
public final class TreeTool implements Tool {

    public static final String NAME = "tree";
    private static final long PROGRESS_GAP_NANOS = 100_000_000L;

    /** The facts a result's metadata carries, for clients that read results as data. */
    private static final String FACTS = """
            {"type":"object","properties":{
             "directories":{"type":"integer","description":"Directories seen."},
             "files":{"type":"integer","description":"Files seen."},
             "entriesShown":{"type":"integer","description":"Entries listed in the text result."},
             "entriesNotShown":{"type":"integer","description":"Entries left out by the limits."},
             "depthLimited":{"type":"integer","description":"Directories not opened because of the depth limit."},
             "ignored":{"type":"integer","description":"Entries skipped by .gitignore rules."},
             "hidden":{"type":"integer","description":"Hidden entries skipped."}},
             "required":["directories","files"]}""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "path":{"type":"string","description":"Absolute path of the folder to show."},
              "max_depth":{"type":"integer","minimum":1,"maximum":256,"description":"How many levels below path to show (default 3)."},
              "max_entries":{"type":"integer","minimum":1,"description":"Show at most this many entries; the rest are only counted (default 1000)."},
              "sizes":{"type":"boolean","description":"Show each file's size (default false)."},
              "hidden":{"type":"boolean","description":"Also show hidden entries (names starting with '.'); default false."},
              "no_ignore":{"type":"boolean","description":"Also show what .gitignore, .ignore and .git/ would hide; default false."}
            },"required":["path"],"additionalProperties":false}""";

    private final Workspace workspace;
    private final ToolSpec spec;

    public TreeTool() {
        this(Workspace.unrestricted());
    }

    public TreeTool(Workspace workspace) {
        this.workspace = workspace;
        this.spec = ToolSpec.fromJson(NAME,
                "Show the structure of a folder like the tree command: folders first, sorted by name, to a depth "
                        + "(default 3) and an entry limit (default 1000), with a count of everything left out. "
                        + "Skips .gitignored and hidden entries unless asked.",
                SCHEMA, Optional.empty())
                .withLane(CallLane.none())
                .withSummary(input -> input.path("path").asText(""))
                .withPresentation("Directory tree", ToolHints.readOnly(false))
                .withFactsSchema(FACTS);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolStream execute(ToolCall call, ToolContext context) {
        return ToolStreams.start(call, context, OutputKind.FILE_CONTENT, scope -> run(TreeInput.parse(call.input(), workspace, spec), scope));
    }

    private ToolResult run(TreeInput input, CallScope scope) {
        TreeCounts counts = new TreeCounts();
        String message = "listing " + input.path();
        // The first entry is reported at once, so a watcher learns the walk has begun; later ones at most every 100 ms.
        long[] lastProgress = {System.nanoTime() - PROGRESS_GAP_NANOS};
        Runnable progress = () -> {
            long now = System.nanoTime();
            if (now - lastProgress[0] < PROGRESS_GAP_NANOS) return;
            lastProgress[0] = now;
            scope.progress(message, OptionalDouble.empty(), counts.progress());
        };
        LineBatcher out = new LineBatcher(text -> scope.output("stdout", text));
        TreeWalker walker = new TreeWalker(input.path(), new EntryFilter(input.hidden(), !input.noIgnore()), input,
                counts, out, scope::isCancelled, progress);
        walker.walk(input.path());
        return result(scope, counts, input);
    }

    private static ToolResult result(CallScope scope, TreeCounts counts, TreeInput input) {
        String summary = TreeSummary.of(counts, input, scope.isCancelled());
        String rendered = scope.view().render();
        String text = rendered + (rendered.endsWith("\n") ? "" : "\n") + summary;
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("directories", counts.directories);
        meta.put("files", counts.files);
        meta.put("entriesShown", counts.shown);
        meta.put("entriesNotShown", counts.notShown);
        meta.put("depthLimited", counts.depthLimited);
        meta.put("ignored", counts.ignored);
        meta.put("hidden", counts.hidden);
        meta.put("summary", summary);
        return ToolResult.text(text).withMetadata(meta);
    }
}
