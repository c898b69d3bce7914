package dev.agentstream.tools.edit;

import dev.agentstream.core.CallLane;
import dev.agentstream.core.CallScope;
import dev.agentstream.core.CallSummary;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolHints;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import dev.agentstream.core.view.OutputKind;
import dev.agentstream.tools.Workspace;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code str_replace_based_edit_tool} (Anthropic {@code text_editor_20250728}, plus {@code undo_edit} from
 * {@code text_editor_20250124}): view files, directories and images, create files, replace a unique string,
 * insert lines, undo. Views stream in chunks with progress and bounded memory; writes are atomic and keep
 * the file's encoding, line endings, tabs and permissions. Every path must lie inside the workspace.
 */
public final class EditTool implements Tool {

    public static final String NAME = "str_replace_based_edit_tool";
    public static final String ANTHROPIC_TYPE = "text_editor_20250728";

    private static final String SCHEMA = """
            {"type":"object","required":["command","path"],"properties":{
              "command":{"type":"string","enum":["view","create","str_replace","insert","undo_edit"],"description":"The operation to run."},
              "path":{"type":"string","description":"Absolute path of the file or directory, e.g. /repo/src/Main.java."},
              "view_range":{"type":"array","items":{"type":"integer"},"minItems":2,"maxItems":2,"description":"view: [start, end] lines, 1-based and inclusive; end -1 reads to the end of the file."},
              "max_characters":{"type":"integer","minimum":1,"description":"view: show at most this many characters of the file."},
              "file_text":{"type":"string","description":"create: the content of the new file."},
              "old_str":{"type":"string","description":"str_replace: the exact text to replace; it must occur exactly once."},
              "new_str":{"type":"string","description":"str_replace: the replacement text (may be empty)."},
              "insert_line":{"type":"integer","minimum":0,"description":"insert: the line after which to insert (0 inserts before the first line)."},
              "insert_text":{"type":"string","description":"insert: the text to insert."}
            }}""";

    private final Workspace workspace;
    private final long defaultMaxCharacters;
    private final ToolSpec spec;

    /** Any absolute path may be used. */
    public EditTool() {
        this(Workspace.unrestricted());
    }

    /** Only paths inside the workspace's roots may be used. */
    public EditTool(Workspace workspace) {
        this(workspace, Long.MAX_VALUE);
    }

    /**
     * @param defaultMaxCharacters the {@code max_characters} of the tool definition: the most characters a
     *                             view shows when the call does not ask for a limit of its own
     */
    public EditTool(Workspace workspace, long defaultMaxCharacters) {
        if (defaultMaxCharacters < 1) throw new IllegalArgumentException("defaultMaxCharacters must be positive: " + defaultMaxCharacters);
        this.workspace = workspace;
        this.defaultMaxCharacters = defaultMaxCharacters;
        this.spec = ToolSpec.fromJson(NAME,
                "View files (cat -n style, streamed), directories (2 levels) and images; create files; replace a string that "
                        + "occurs exactly once; insert lines; undo the last edit of a file. Paths must be absolute.",
                SCHEMA, Optional.of(ANTHROPIC_TYPE))
                .withLane(CallLane.fileAt("path"))
                .withSummary(input -> CallSummary.join(input.path("command").asText(""), input.path("path").asText("")))
                .withPresentation("Text editor: view, create and edit files", ToolHints.writes(true, false, false));
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolStream execute(ToolCall call, ToolContext context) {
        return ToolStreams.start(call, context, OutputKind.FILE_CONTENT, scope -> run(EditInput.parse(call.input()), scope));
    }

    private ToolResult run(EditInput input, CallScope scope) throws IOException {
        Path path = workspace.resolve(input.path());
        EditGuards.check(input, path);
        try {
            return switch (input.command()) {
                case VIEW -> view(path, input, scope);
                case CREATE -> edit(scope, editor -> editor.create(path, input.fileText()), path);
                case STR_REPLACE -> edit(scope, editor -> editor.strReplace(path, input.oldStr(), input.newStr()), path);
                case INSERT -> edit(scope, editor -> editor.insert(path, input.insertLine(), input.insertText()), path);
                case UNDO_EDIT -> edit(scope, editor -> editor.undo(path), path);
            };
        } catch (AccessDeniedException e) {
            throw new ToolInputException("Permission denied for " + e.getFile() + "; choose a file this process may read and write, or change its permissions with bash.");
        } catch (FileSystemException e) {
            throw new ToolInputException(input.command().wireName() + " of " + path + " failed: " + e.getMessage() + "; check the path and try again.");
        } catch (IOException e) {
            // e.g. EIO from /proc/self/mem: the kernel refuses the read, so nothing the tool could retry would help
            throw new ToolInputException(input.command().wireName() + " of " + path + " failed: the system refused to read it ("
                    + e.getMessage() + "); choose a regular file, or look at this one with bash.");
        }
    }

    private ToolResult view(Path path, EditInput input, CallScope scope) throws IOException {
        if (Files.isDirectory(path)) {
            if (input.viewRange().isPresent()) {
                throw new ToolInputException(path + " is a directory and view_range applies only to files; leave view_range out to list it.");
            }
            return new DirectoryLister(scope).list(path);
        }
        if (!Files.exists(path)) {
            throw new ToolInputException(path + " does not exist; check the path, e.g. by viewing its parent directory " + path.getParent() + ".");
        }
        if (!Files.isRegularFile(path)) {
            throw new ToolInputException(path + " is not a regular file (a device, pipe or socket); view regular files or directories only.");
        }
        long size = Files.size(path);
        if (ImageViewer.mediaTypeByName(path).isPresent()) {
            return new ImageViewer(scope).view(path, size);
        }
        long maxCharacters = input.maxCharacters().isPresent() ? input.maxCharacters().getAsInt() : defaultMaxCharacters;
        return new FileViewer(scope, path, size).view(input.viewRange(), maxCharacters);
    }

    @FunctionalInterface
    private interface EditAction {
        void apply(FileEditor editor) throws IOException;
    }

    private static ToolResult edit(CallScope scope, EditAction action, Path path) throws IOException {
        EditHistory history = scope.context().session().resource(EditHistory.SESSION_KEY, EditHistory.class, EditHistory::new);
        FileEditor editor = new FileEditor(scope, history);
        action.apply(editor);
        Map<String, Object> meta = new LinkedHashMap<>(editor.metadata());
        meta.put("path", path.toString());
        return new ToolResult(List.of(new ContentBlock.Text(scope.view().render())), false, meta);
    }
}
