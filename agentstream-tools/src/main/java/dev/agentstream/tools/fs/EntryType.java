package dev.agentstream.tools.fs;

/** What a folder entry is, as a walk needs to know it; {@code size} is -1 when the listing gave the type alone. */
public record EntryType(boolean directory, boolean regularFile, long size) {

    static final EntryType FOLDER = new EntryType(true, false, -1);
    static final EntryType FILE = new EntryType(false, true, -1);
    /** A link, device, pipe or socket: never entered nor opened. */
    static final EntryType OTHER = new EntryType(false, false, -1);
}
