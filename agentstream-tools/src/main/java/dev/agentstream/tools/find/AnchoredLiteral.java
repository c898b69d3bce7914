package dev.agentstream.tools.find;

import dev.agentstream.tools.fs.ByteScan;

/**
 * Finds a run of bytes in a byte array without copying it, by the two bytes of the run least likely to
 * occur in text ({@link ByteRarity}): eight positions at a time are tested for the rarest byte, and only
 * where it occurs are they also tested for the second one, so a run whose rarest byte is rare is searched
 * at the speed of one byte test, and one made of common letters (case ignored, {@code connection reset})
 * still has few candidates to confirm. Case is ignored for ASCII letters only: a letter's two cases differ
 * in bit 0x20 alone, and no other byte, no byte of a multi-byte UTF-8 sequence either, becomes an ASCII
 * letter when that bit is set.
 */
final class AnchoredLiteral {

    private static final int CASE_BIT = 0x20;

    /** The run, letters in lower case when case is ignored. */
    private final byte[] run;
    /** Per byte of the run: the bit set on both sides before comparing (0x20 for a letter whose case is ignored). */
    private final byte[] fold;
    private final int rarest;
    private final int second;
    private final long rarestPattern;
    private final long rarestFold;
    private final long secondPattern;
    private final long secondFold;
    /** Whether the rarest byte is common enough in text that each word is tested for both bytes at once. */
    private final boolean testsBothBytes;

    /** @param run the bytes to find, at least one */
    AnchoredLiteral(byte[] run, boolean ignoreAsciiCase) {
        if (run.length == 0) throw new IllegalArgumentException("an empty run matches everywhere");
        this.run = run.clone();
        this.fold = new byte[run.length];
        for (int i = 0; i < run.length; i++) {
            if (ignoreAsciiCase && isAsciiLetter(run[i])) {
                fold[i] = CASE_BIT;
                this.run[i] |= CASE_BIT;
            }
        }
        this.rarest = ByteRarity.rarest(this.run, -1);
        this.second = run.length == 1 ? rarest : ByteRarity.rarest(this.run, rarest);
        this.rarestPattern = ByteScan.broadcast(this.run[rarest]);
        this.rarestFold = ByteScan.broadcast(fold[rarest]);
        this.secondPattern = ByteScan.broadcast(this.run[second]);
        this.secondFold = ByteScan.broadcast(fold[second]);
        this.testsBothBytes = run.length > 1 && ByteRarity.isCommon(this.run[rarest]);
    }

    int length() {
        return run.length;
    }

    /** Whether each word is tested for both anchor bytes at once (the run's rarest byte is common in text). */
    boolean testsBothBytes() {
        return testsBothBytes;
    }

    /** Where the first occurrence at or after {@code from} that ends by {@code to} starts in {@code bytes}; -1 if none. */
    int find(byte[] bytes, int from, int to) {
        return testsBothBytes ? scanBothBytes(bytes, from, to) : scanRarestByte(bytes, from, to);
    }

    /** Sixteen starts a round, tested for the rarest byte alone: the common case, no rarest byte in either word, costs one branch. */
    private int scanRarestByte(byte[] bytes, int from, int to) {
        int last = to - run.length; // the last start an occurrence can have
        int reach = Math.max(rarest, second) + Long.BYTES; // bytes past a start the word tests read
        int start = from;
        for (; start <= to - reach - Long.BYTES; start += 2 * Long.BYTES) {
            long low = (ByteScan.longAt(bytes, start + rarest) | rarestFold) ^ rarestPattern;
            long high = (ByteScan.longAt(bytes, start + Long.BYTES + rarest) | rarestFold) ^ rarestPattern;
            if (!ByteScan.hasZeroByte(low) && !ByteScan.hasZeroByte(high)) continue;
            int found = findInWord(bytes, start, low, last);
            if (found != NONE_IN_WORD) return found;
            found = findInWord(bytes, start + Long.BYTES, high, last);
            if (found != NONE_IN_WORD) return found;
        }
        for (; start <= to - reach; start += Long.BYTES) {
            long word = (ByteScan.longAt(bytes, start + rarest) | rarestFold) ^ rarestPattern;
            if (!ByteScan.hasZeroByte(word)) continue;
            int found = findInWord(bytes, start, word, last);
            if (found != NONE_IN_WORD) return found;
        }
        return findOneByOne(bytes, start, last);
    }

    /** Not found among the eight starts of a word, and the next word may hold one. */
    private static final int NONE_IN_WORD = -2;

    /**
     * The first occurrence among the eight starts from {@code start}, given the word of the rarest byte's
     * positions XOR its pattern; -1 if the starts have passed {@code last}, {@link #NONE_IN_WORD} otherwise.
     */
    private int findInWord(byte[] bytes, int start, long rarestZeros, int last) {
        if (!ByteScan.hasZeroByte(rarestZeros)) return NONE_IN_WORD;
        long secondZeros = (ByteScan.longAt(bytes, start + second) | secondFold) ^ secondPattern;
        return confirm(bytes, start, ByteScan.zeroBytes(rarestZeros) & ByteScan.zeroBytes(secondZeros), last);
    }

    /**
     * Eight starts a round, each tested for both bytes at once, without a branch between: for a run of
     * common bytes, whose rarest byte alone would stop the scan every few words (mispredicted each time),
     * while the two together rule out nearly every start.
     */
    private int scanBothBytes(byte[] bytes, int from, int to) {
        int last = to - run.length;
        int reach = Math.max(rarest, second) + Long.BYTES;
        int start = from;
        for (; start <= to - reach; start += Long.BYTES) {
            long rarestZeros = (ByteScan.longAt(bytes, start + rarest) | rarestFold) ^ rarestPattern;
            long secondZeros = (ByteScan.longAt(bytes, start + second) | secondFold) ^ secondPattern;
            if ((ByteScan.zeroByteFlags(rarestZeros) & ByteScan.zeroByteFlags(secondZeros)) == 0) continue;
            int found = confirm(bytes, start, ByteScan.zeroBytes(rarestZeros) & ByteScan.zeroBytes(secondZeros), last);
            if (found != NONE_IN_WORD) return found;
        }
        return findOneByOne(bytes, start, last);
    }

    /**
     * The first of the starts from {@code start} that {@code candidates} marks (a {@link ByteScan#zeroBytes}
     * mask) where the whole run occurs; -1 once they pass {@code last}, {@link #NONE_IN_WORD} if none.
     */
    private int confirm(byte[] bytes, int start, long candidates, int last) {
        while (candidates != 0) {
            int candidate = start + ByteScan.firstByte(candidates);
            if (candidate > last) return -1;
            if (matchesAt(bytes, candidate)) return candidate;
            candidates &= candidates - 1;
        }
        return NONE_IN_WORD;
    }

    private int findOneByOne(byte[] bytes, int start, int last) {
        for (; start <= last; start++) {
            if (matchesAt(bytes, start)) return start;
        }
        return -1;
    }

    private boolean matchesAt(byte[] bytes, int start) {
        for (int i = 0; i < run.length; i++) {
            if ((bytes[start + i] | fold[i]) != run[i]) return false;
        }
        return true;
    }

    private static boolean isAsciiLetter(byte b) {
        int lower = b | CASE_BIT;
        return lower >= 'a' && lower <= 'z';
    }
}
