package dev.agentstream.tools.find;

import dev.agentstream.tools.fs.HumanSize;
import java.util.Locale;

/** The one line that ends a find result: how many matches where, how much was searched, what was left out. */
final class FindSummary {

    private FindSummary() {}

    static String of(MatchBudget budget, SearchCounters counters, boolean cancelled) {
        long matches = budget.matches();
        long files = counters.filesWithMatches.sum();
        StringBuilder s = new StringBuilder("[");
        if (matches == 0) {
            s.append("no matches");
        } else {
            s.append(count(matches, "match", "matches")).append(" in ").append(count(files, "file", "files"));
        }
        s.append("; ").append(count(counters.filesScanned.sum(), "file", "files")).append(" searched (")
                .append(HumanSize.of(counters.bytesScanned.sum())).append(')');
        long binary = counters.binarySkipped.sum();
        if (binary > 0) s.append("; ").append(count(binary, "binary file", "binary files")).append(" skipped");
        long unreadable = counters.unreadable.sum();
        if (unreadable > 0) s.append("; ").append(count(unreadable, "entry", "entries")).append(" could not be read");
        long pieces = counters.regexPieces.sum();
        if (pieces > 0) {
            s.append("; ").append(count(pieces, "line was", "lines were")).append(" too long to hold whole and searched in pieces overlapping by ")
                    .append(HumanSize.of(FileSearcher.REGEX_OVERLAP)).append(", so a regex match longer than that in them could be missed");
        }
        if (budget.capped()) {
            s.append("; stopped at max_results ").append(budget.max())
                    .append(": there are more matches, so narrow 'pattern', 'path' or 'include', or raise 'max_results'");
        }
        if (cancelled) s.append("; cancelled before the search finished");
        return s.append(']').toString();
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? one : many);
    }
}
