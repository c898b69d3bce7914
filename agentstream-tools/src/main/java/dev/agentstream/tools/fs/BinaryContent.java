package dev.agentstream.tools.fs;

/**
 * Tells binary files from text the way git and grep do: a NUL byte in the first 8 KiB. Cheap, needs only
 * the first block a reader reads anyway, and right for every common text encoding but UTF-16.
 */
public final class BinaryContent {

    public static final int SNIFF_BYTES = 8192;

    private BinaryContent() {}

    /** Whether the file whose first {@code length} bytes are in {@code head} looks binary. */
    public static boolean looksBinary(byte[] head, int length) {
        return ByteScan.indexOf(head, 0, Math.min(length, SNIFF_BYTES), (byte) 0) >= 0;
    }
}
