package dev.agentstream.tools.edit;

import dev.agentstream.core.CallScope;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.ToolResult;
import dev.agentstream.tools.fs.LinkFreeFiles;
import dev.agentstream.tools.fs.PathText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code view} of a directory: its non-hidden entries up to two levels deep, depth first and sorted by name
 * within each directory, streamed as they are listed. Directories end with {@code /}; symlinked
 * directories are listed but not entered.
 */
final class DirectoryLister {

    static final int MAX_DEPTH = 2;
    private static final int FLUSH_CHARS = 8 * 1024;

    private final CallScope scope;
    private final StringBuilder pending = new StringBuilder();
    private long entries;
    private long unreadable;

    DirectoryLister(CallScope scope) {
        this.scope = scope;
    }

    ToolResult list(Path dir) {
        pending.append("Files and directories up to ").append(MAX_DEPTH).append(" levels deep in ").append(dir)
                .append(", excluding hidden items:\n").append(dir).append("/\n");
        walk(dir, 1);
        flush();
        StringBuilder text = new StringBuilder(scope.view().render());
        if (entries == 0) text.append("(no visible entries)\n");
        if (scope.isCancelled()) text.append("[cancelled before the listing ended]\n");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("path", dir.toString());
        meta.put("entries", entries);
        if (unreadable > 0) meta.put("unreadableDirectories", unreadable);
        return new ToolResult(List.of(new ContentBlock.Text(text.toString())), false, meta);
    }

    private void walk(Path dir, int depth) {
        if (scope.isCancelled()) return;
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = LinkFreeFiles.openDirectory(dir)) {
            for (Path child : stream) {
                if (!child.getFileName().toString().startsWith(".")) children.add(child);
            }
        } catch (IOException e) {
            unreadable++;
            pending.append(dir).append("/ [cannot be read: ").append(e.getClass().getSimpleName()).append("]\n");
            return;
        }
        children.sort(null);
        for (Path child : children) {
            boolean isDir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
            pending.append(PathText.display(child)).append(isDir ? "/\n" : "\n");
            entries++;
            if (pending.length() >= FLUSH_CHARS) flush();
            if (isDir && depth < MAX_DEPTH) walk(child, depth + 1);
        }
    }

    private void flush() {
        scope.output("stdout", pending.toString());
        pending.setLength(0);
        scope.progress("listing", OptionalDouble.empty(), Map.of("entries", entries));
    }
}
