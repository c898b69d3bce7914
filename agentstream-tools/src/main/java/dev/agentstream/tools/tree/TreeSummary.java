package dev.agentstream.tools.tree;

import java.util.Locale;

/** The line that ends a tree: what was counted, and what was left out and how to get it. */
final class TreeSummary {

    private TreeSummary() {}

    static String of(TreeCounts counts, TreeInput input, boolean cancelled) {
        StringBuilder s = new StringBuilder("[")
                .append(count(counts.directories, "directory", "directories")).append(", ")
                .append(count(counts.files, "file", "files"));
        if (counts.depthLimited > 0) {
            s.append("; ").append(count(counts.depthLimited, "directory", "directories"))
                    .append(" at max_depth ").append(input.maxDepth()).append(" not expanded (raise 'max_depth' or give a deeper 'path')");
        }
        if (counts.notShown > 0) {
            s.append("; ").append(count(counts.notShown, "entry", "entries")).append(" not shown beyond max_entries ")
                    .append(input.maxEntries()).append(" (lower 'max_depth' or give a narrower 'path')");
        }
        if (counts.ignored > 0) {
            s.append("; ").append(count(counts.ignored, "entry", "entries")).append(" ignored by .gitignore/.ignore/.git");
        }
        if (counts.hidden > 0) s.append("; ").append(count(counts.hidden, "hidden entry", "hidden entries")).append(" left out");
        if (counts.unreadable > 0) s.append("; ").append(count(counts.unreadable, "entry", "entries")).append(" could not be read");
        if (cancelled) s.append("; cancelled before the walk finished");
        return s.append(']').toString();
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? one : many);
    }
}
