package dev.agentstream.tools.find;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What a search has done so far, updated by every search thread and read for progress and the summary. */
final class SearchCounters {

    final LongAdder filesScanned = new LongAdder();
    final LongAdder bytesScanned = new LongAdder();
    final LongAdder filesWithMatches = new LongAdder();
    final LongAdder binarySkipped = new LongAdder();
    final LongAdder unreadable = new LongAdder();
    /** Lines too long to hold whole that a regex searched in overlapping pieces. */
    final LongAdder regexPieces = new LongAdder();

    Map<String, Long> progress(long matches) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("files", filesScanned.sum());
        counters.put("bytes", bytesScanned.sum());
        counters.put("matches", matches);
        return counters;
    }
}
