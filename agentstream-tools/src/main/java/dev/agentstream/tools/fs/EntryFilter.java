package dev.agentstream.tools.fs;

import java.nio.file.Path;

/**
 * Decides which directory entries a walk shows: hidden entries (a name starting with '.') only when asked
 * for, the {@code .git} folder never unless ignore rules are off too, and whatever the ignore rules
 * exclude only when they are on.
 */
public final class EntryFilter {

    /** What becomes of one entry. */
    public enum Verdict { KEEP, HIDDEN, IGNORED }

    private final boolean showHidden;
    private final boolean useIgnoreRules;

    public EntryFilter(boolean showHidden, boolean useIgnoreRules) {
        this.showHidden = showHidden;
        this.useIgnoreRules = useIgnoreRules;
    }

    public boolean usesIgnoreRules() {
        return useIgnoreRules;
    }

    /** Judges an entry by its name alone, before its type is known; null when the type is needed. */
    public Verdict byName(String name) {
        if (name.equals(".git") && useIgnoreRules) return Verdict.IGNORED;
        if (!showHidden && name.startsWith(".")) return Verdict.HIDDEN;
        return null;
    }

    /** Like {@link #byName(String)} for the name that starts at {@code nameStart} in {@code path}, without cutting it out. */
    public Verdict byName(String path, int nameStart) {
        int length = path.length() - nameStart;
        if (useIgnoreRules && length == 4 && path.startsWith(".git", nameStart)) return Verdict.IGNORED;
        if (!showHidden && length > 0 && path.charAt(nameStart) == '.') return Verdict.HIDDEN;
        return null;
    }

    /** Whether the ignore rules in force exclude the entry at {@code absolutePath} (its name passed {@link #byName}). */
    public boolean isIgnored(IgnoreRules rules, String absolutePath, boolean isDirectory) {
        return useIgnoreRules && !rules.isEmpty() && rules.isIgnored(absolutePath, isDirectory);
    }

    public Verdict judge(IgnoreRules rules, String absolutePath, String name, boolean isDirectory) {
        Verdict byName = byName(name);
        if (byName != null) return byName;
        if (useIgnoreRules && !rules.isEmpty() && rules.isIgnored(absolutePath, isDirectory)) return Verdict.IGNORED;
        return Verdict.KEEP;
    }

    /** Like {@link #judge(IgnoreRules, String, String, boolean)}; the path is turned into text only if a rule needs it. */
    public Verdict judge(IgnoreRules rules, Path path, String name, boolean isDirectory) {
        Verdict byName = byName(name);
        if (byName != null) return byName;
        if (useIgnoreRules && !rules.isEmpty() && rules.isIgnored(path.toString(), isDirectory)) return Verdict.IGNORED;
        return Verdict.KEEP;
    }
}
