package dev.agentstream.tools.tree;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a tree walk has seen and what it left out; one walking thread writes, the summary reads at the end. */
final class TreeCounts {

    long directories;
    long files;
    long shown;
    /** Entries visited after max_entries was reached: counted, not shown. */
    long notShown;
    /** Directories at max_depth, shown but not entered. */
    long depthLimited;
    long ignored;
    long hidden;
    long unreadable;

    long visited() {
        return directories + files;
    }

    Map<String, Long> progress() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("entries", visited());
        counters.put("directories", directories);
        counters.put("files", files);
        return counters;
    }
}
