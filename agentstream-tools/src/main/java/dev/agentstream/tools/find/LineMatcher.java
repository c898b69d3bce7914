package dev.agentstream.tools.find;

/** Finds where a search pattern matches within single lines of a chunk of text. */
interface LineMatcher {

    /**
     * Turns a chunk of whole lines ({@code bytes[0, length)}) into the text this matcher searches: by default
     * the raw bytes, where positions are byte offsets and nothing is copied or decoded.
     */
    default ChunkText prepare(byte[] bytes, int length) {
        return ChunkText.rawBytes(bytes, length);
    }

    /**
     * Where the first match at or after {@code from} (a line start) begins, counting only matches that lie
     * within one line; -1 if there is none.
     */
    int find(ChunkText chunk, int from);

    /** The most bytes a match can span, or -1 when a match may be of any length (a regular expression). */
    default int maxMatchBytes() {
        return -1;
    }
}
