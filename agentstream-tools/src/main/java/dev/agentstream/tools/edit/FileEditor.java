package dev.agentstream.tools.edit;

import dev.agentstream.core.CallScope;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.tools.fs.LinkFreeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writing commands: create, str_replace, insert and undo_edit. Each reads the file, changes only the
 * edited region in the file's own encoding and line endings, writes atomically, records the previous bytes
 * for undo, and shows the edited lines with a few lines of context. Edits of one session run one at a time.
 */
final class FileEditor {

    /** Lines of context shown above and below an edit, as Anthropic's reference editor does. */
    static final int SNIPPET_CONTEXT = 4;

    private final CallScope scope;
    private final EditHistory history;
    private final Map<String, Object> meta = new LinkedHashMap<>();

    FileEditor(CallScope scope, EditHistory history) {
        this.scope = scope;
        this.history = history;
    }

    /** Facts about the last command, for the result's metadata. */
    Map<String, Object> metadata() {
        return meta;
    }

    void create(Path path, String fileText) throws IOException {
        synchronized (history) {
            if (Files.isDirectory(path)) {
                throw new ToolInputException(path + " is a directory; give the path of the new file inside it.");
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new ToolInputException(path + " already exists and create never overwrites; view it and change it with str_replace or insert, or choose a new path.");
            }
            Files.createDirectories(path.getParent());
            byte[] bytes = fileText.getBytes(StandardCharsets.UTF_8);
            write(path, bytes, FileStamp.ABSENT);
            history.record(path, null, bytes);
            int lines = Lines.count(fileText);
            meta.put("lines", lines);
            meta.put("fileBytes", (long) bytes.length);
            say("File created: " + path + " (" + lines + (lines == 1 ? " line, " : " lines, ") + Sizes.human(bytes.length) + ").\n");
        }
    }

    void strReplace(Path path, String oldStr, String newStr) throws IOException {
        synchronized (history) {
            FileStamp stamp = FileStamp.of(path);
            TextFile file = readForEdit(path, stamp);
            String old = file.format().toFileLineEndings(oldStr);
            String replacement = file.format().toFileLineEndings(newStr);
            if (old.equals(replacement)) {
                throw new ToolInputException("old_str and new_str are the same, so nothing would change; put the changed text in new_str.");
            }
            TextEdits.Edited edited = oldStr.indexOf('\n') >= 0 && Lines.mixesLineEndings(file.text())
                    ? TextEdits.replaceOnceAnyLineEnding(file.text(), oldStr.replace(TextFormat.CRLF, TextFormat.LF), replacement, path)
                    : TextEdits.replaceOnce(file.text(), old, replacement, path);
            commit(path, file, edited, stamp);
        }
    }

    void insert(Path path, int afterLine, String insertText) throws IOException {
        synchronized (history) {
            FileStamp stamp = FileStamp.of(path);
            TextFile file = readForEdit(path, stamp);
            String block = file.format().toFileLineEndings(insertText);
            TextEdits.Edited edited = TextEdits.insert(file.text(), afterLine, block, file.format().lineEnding(), path);
            commit(path, file, edited, stamp);
        }
    }

    void undo(Path path) throws IOException {
        synchronized (history) {
            EditHistory.Step step = history.latest(path).orElseThrow(() -> new ToolInputException("There is no edit of " + path
                    + " to undo: undo_edit reverts only edits this tool made in this session; view the file and fix it with str_replace instead."));
            FileStamp stamp = FileStamp.of(path);
            byte[] current = Files.isRegularFile(path) ? LinkFreeFiles.readAllBytes(path) : null;
            if (!step.matches(current)) {
                throw new ToolInputException(path + " changed after this tool last edited it, so undo_edit would throw that change away; view the file and fix it with str_replace instead.");
            }
            if (step.created()) {
                AtomicWriter.delete(path);
                history.undone(step);
                meta.put("deleted", true);
                say("Undid the creation of " + path + ": the file was deleted.\n");
                return;
            }
            write(path, step.before(), stamp);
            history.undone(step);
            TextFile restored = TextFile.decode(path, step.before());
            String now = TextFile.decode(path, current).text();
            int line = Lines.lineOf(restored.text(), firstDifference(restored.text(), now));
            meta.put("undoStepsLeft", history.steps(path));
            say("Last edit to " + path + " undone. The restored file around the change:\n"
                    + Lines.numbered(restored.text(), line - SNIPPET_CONTEXT, line + SNIPPET_CONTEXT));
        }
    }

    private void commit(Path path, TextFile file, TextEdits.Edited edited, FileStamp stamp) throws IOException {
        byte[] bytes = file.encode(edited.text());
        write(path, bytes, stamp);
        history.record(path, file.bytes(), bytes);
        meta.put("firstLine", edited.firstLine());
        meta.put("lastLine", edited.lastLine());
        meta.put("encoding", file.format().describe());
        say("The file " + path + " has been edited. Lines " + edited.firstLine() + "-" + edited.lastLine()
                + " (with " + SNIPPET_CONTEXT + " lines of context) now read:\n"
                + Lines.numbered(edited.text(), edited.firstLine() - SNIPPET_CONTEXT, edited.lastLine() + SNIPPET_CONTEXT)
                + "Review the change; edit again or use undo_edit if it is not what you meant.\n");
    }

    private static TextFile readForEdit(Path path, FileStamp stamp) throws IOException {
        if (Files.isDirectory(path)) {
            throw new ToolInputException(path + " is a directory; give the path of a file in it (view the directory to see them).");
        }
        if (!Files.exists(path)) {
            throw new ToolInputException(path + " does not exist; check the path (view its directory), or make the file with the create command.");
        }
        TextFile file = TextFile.read(path);
        if (!FileStamp.of(path).equals(stamp)) throw changedUnderneath(path);
        return file;
    }

    private void write(Path path, byte[] bytes, FileStamp expected) {
        try {
            AtomicWriter.Written written = AtomicWriter.write(path, AtomicWriter.Content.of(bytes), expected);
            if (written.inPlace()) {
                meta.put("hardLinks", written.hardLinks());
                meta.put("inPlace", true);
                say(path + " has " + written.hardLinks() + " hard links, so it was rewritten in place: every one of its names sees the change.\n");
            }
        } catch (AtomicWriter.ChangedUnderneathException e) {
            throw changedUnderneath(path);
        } catch (AtomicWriter.PartlyWrittenException e) {
            throw new ToolInputException("Writing " + path + " failed (" + e.getMessage() + "), so it may hold part of the new content; view it and fix it with bash.");
        } catch (IOException e) {
            throw new ToolInputException("Writing " + path + " failed (" + e.getMessage() + "), so it was left unchanged; check the disk space and the permissions of its folder, then try again.");
        }
    }

    private static ToolInputException changedUnderneath(Path path) {
        return new ToolInputException(path + " changed while this edit was working on it (another program wrote to it), so the edit "
                + "was not applied and that change was kept; view the file again and redo the edit.");
    }

    private void say(String text) {
        scope.output("stdout", text);
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) return i;
        }
        return n;
    }
}
