package dev.agentstream.tools.find;

import dev.agentstream.core.CallLane;
import dev.agentstream.core.CallSummary;
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
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@code find} tool: searches the text of files for a literal or a regular expression, grep style,
 * and streams the matching lines as it finds them. Folders are walked in parallel; {@code .gitignore},
 * {@code .ignore}, {@code .git/}, hidden and binary files are skipped unless asked for; the search stops
 * as soon as {@code max_results} is passed or the call is cancelled.
 */
public final class FindTool implements Tool {

    public static final String NAME = "find";
    private static final long PROGRESS_TICK_MS = 100;

    /** The facts a result's metadata carries, for clients that read results as data. */
    private static final String FACTS = """
            {"type":"object","properties":{
             "matches":{"type":"integer","description":"Matching lines found."},
             "filesWithMatches":{"type":"integer","description":"Files holding at least one match."},
             "filesScanned":{"type":"integer","description":"Files searched."},
             "bytesScanned":{"type":"integer","description":"Bytes searched."},
             "binarySkipped":{"type":"integer","description":"Binary files skipped."},
             "capped":{"type":"boolean","description":"The search stopped at max_results."}},
             "required":["matches","filesWithMatches","filesScanned"]}""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "path":{"type":"string","description":"Absolute path of the folder (searched recursively) or file to search."},
              "pattern":{"type":"string","description":"The text to find, on one line; a Java regular expression when regex is true."},
              "regex":{"type":"boolean","description":"Treat pattern as a regular expression (default false: literal text)."},
              "case_sensitive":{"type":"boolean","description":"Match case exactly (default true)."},
              "include":{"type":["string","array"],"items":{"type":"string"},"description":"Only search files matching these globs, gitignore style, relative to path: \\"*.java\\", \\"src/**\\", \\"*.{ts,tsx}\\"."},
              "exclude":{"type":["string","array"],"items":{"type":"string"},"description":"Skip files and folders matching these globs, e.g. \\"*.min.js\\" or \\"vendor/\\"."},
              "context":{"type":"integer","minimum":0,"maximum":50,"description":"Lines of context to show before and after each match (default 0)."},
              "max_results":{"type":"integer","minimum":1,"description":"Stop after this many matching lines (default 500)."},
              "hidden":{"type":"boolean","description":"Also search hidden files and folders (names starting with '.'); default false."},
              "no_ignore":{"type":"boolean","description":"Also search what .gitignore, .ignore and .git/ would skip; default false."}
            },"required":["path","pattern"],"additionalProperties":false}""";

    private final Workspace workspace;
    private final ToolSpec spec;

    public FindTool() {
        this(Workspace.unrestricted());
    }

    public FindTool(Workspace workspace) {
        this.workspace = workspace;
        this.spec = ToolSpec.fromJson(NAME,
                "Search the text of files under a folder for a literal string or a regular expression, like grep -rn. "
                        + "Prints matching lines as path:line:text (context lines as path-line-text) while searching; "
                        + "skips .gitignored, hidden and binary files unless asked.",
                SCHEMA, Optional.empty())
                .withLane(CallLane.none())
                .withSummary(input -> CallSummary.join(input.path("pattern").asText(""), input.path("path").asText("")))
                .withPresentation("Find text in files", ToolHints.readOnly(false))
                .withFactsSchema(FACTS);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolStream execute(ToolCall call, ToolContext context) {
        return ToolStreams.start(call, context, OutputKind.FILE_CONTENT, scope -> run(FindInput.parse(call.input(), workspace, spec), scope));
    }

    private ToolResult run(FindInput input, CallScope scope) throws InterruptedException {
        Supplier<LineMatcher> matchers = LineMatchers.forSearch(input.pattern(), input.regex(), input.caseSensitive());
        PathGlobs globs = PathGlobs.of(input.include(), input.exclude());
        MatchBudget budget = new MatchBudget(input.maxResults());
        SearchCounters counters = new SearchCounters();
        AtomicBoolean cancelled = new AtomicBoolean();
        scope.onCancel(() -> cancelled.set(true));
        BooleanSupplier stopped = () -> cancelled.get() || budget.capped();
        Object outputLock = new Object();
        // One writer at a time, so the watcher's events and the model view see a file's lines in the same order.
        Consumer<String> sink = text -> {
            synchronized (outputLock) {
                scope.output("stdout", text);
            }
        };
        Supplier<FileSearcher> searchers = () -> new FileSearcher(matchers.get(), input.context(), budget, stopped);
        ParallelSearch search = new ParallelSearch(input.path(), new EntryFilter(input.hidden(), !input.noIgnore()),
                globs, counters, stopped, sink, searchers);
        String message = "searching " + input.path();
        if (Files.isDirectory(input.path())) {
            ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
            try {
                ForkJoinTask<Void> walk = pool.submit(search.task(input.path()));
                awaitWithProgress(walk, scope, message, counters, budget);
            } finally {
                pool.shutdownNow();
            }
        } else {
            search.searchFile(input.path());
        }
        return result(scope, budget, counters, cancelled.get());
    }

    private static void awaitWithProgress(ForkJoinTask<Void> walk, CallScope scope, String message, SearchCounters counters,
                                          MatchBudget budget) throws InterruptedException {
        while (true) {
            try {
                walk.get(PROGRESS_TICK_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                scope.progress(message, OptionalDouble.empty(), counters.progress(budget.matches()));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) throw runtime;
                throw new IllegalStateException("The search failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static ToolResult result(CallScope scope, MatchBudget budget, SearchCounters counters, boolean cancelled) {
        String summary = FindSummary.of(budget, counters, cancelled);
        String rendered = scope.view().render();
        String text = rendered.isEmpty() ? summary : rendered + (rendered.endsWith("\n") ? "" : "\n") + summary;
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("matches", budget.matches());
        meta.put("filesWithMatches", counters.filesWithMatches.sum());
        meta.put("filesScanned", counters.filesScanned.sum());
        meta.put("bytesScanned", counters.bytesScanned.sum());
        meta.put("binarySkipped", counters.binarySkipped.sum());
        meta.put("capped", budget.capped());
        meta.put("summary", summary);
        return ToolResult.text(text).withMetadata(meta);
    }
}
