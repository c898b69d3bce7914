package dev.agentstream.tools.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The {@code .gitignore} and {@code .ignore} rules in force inside one directory: a chain from that
 * directory up through every ancestor that has rules, matched with JGit's own gitignore semantics.
 * The deepest directory that has an opinion on an entry wins, and within a directory {@code .ignore}
 * overrides {@code .gitignore}, which overrides {@code .git/info/exclude} (the last matching rule wins).
 *
 * <p>Immutable, so walkers on several threads share a parent's chain; a directory without rule files
 * costs nothing (it reuses its parent's chain).
 */
public final class IgnoreRules {

    public static final String GITIGNORE = ".gitignore";
    public static final String IGNORE = ".ignore";
    public static final String GIT = ".git";

    private static final IgnoreRules NONE = new IgnoreRules(null, 0, null);

    private final IgnoreNode node;
    /** Length of the directory's path plus its separator: what to cut off an entry's path to make it relative. */
    private final int prefixLength;
    private final IgnoreRules parent;

    private IgnoreRules(IgnoreNode node, int prefixLength, IgnoreRules parent) {
        this.node = node;
        this.prefixLength = prefixLength;
        this.parent = parent;
    }

    /** No rules at all (what {@code no_ignore} asks for). */
    public static IgnoreRules none() {
        return NONE;
    }

    /**
     * The rules in force inside {@code root}: those of its ancestors up to the enclosing git repository's
     * top (only when there is one, so a stray {@code .gitignore} above an unrelated folder changes
     * nothing), then root's own.
     */
    public static IgnoreRules forRoot(Path root) {
        return above(root).enter(root);
    }

    /**
     * The rules of {@code root}'s ancestors up to the enclosing git repository's top, without root's own:
     * for a walker that enters every folder, root included, itself.
     */
    public static IgnoreRules above(Path root) {
        Deque<Path> ancestors = new ArrayDeque<>();
        Path repoTop = Files.exists(root.resolve(GIT)) ? root : null;
        for (Path dir = root.getParent(); dir != null && repoTop == null; dir = dir.getParent()) {
            ancestors.push(dir);
            if (Files.exists(dir.resolve(GIT))) repoTop = dir;
        }
        IgnoreRules rules = NONE;
        if (repoTop != null) {
            for (Path dir : ancestors) {
                rules = rules.enter(dir);
            }
        }
        return rules;
    }

    /** The rules inside {@code dir}, a child of this chain's directory: looks for its rule files on disk. */
    public IgnoreRules enter(Path dir) {
        return enter(dir, Files.isRegularFile(dir.resolve(GITIGNORE)), Files.isRegularFile(dir.resolve(IGNORE)),
                Files.exists(dir.resolve(GIT)));
    }

    /**
     * Like {@link #enter(Path)} for a caller that has already listed {@code dir} and so knows which of
     * {@code .gitignore}, {@code .ignore} and {@code .git} it holds: no probing of the disk then.
     */
    public IgnoreRules enter(Path dir, boolean hasGitignore, boolean hasIgnore, boolean hasGit) {
        Path exclude = dir.resolve(GIT).resolve("info").resolve("exclude");
        boolean hasExclude = hasGit && Files.isRegularFile(exclude);
        if (!hasGitignore && !hasIgnore && !hasExclude) return this;
        IgnoreNode rules = new IgnoreNode();
        // Parsed lowest precedence first: the last matching rule wins.
        if (hasExclude) parseInto(rules, exclude);
        if (hasGitignore) parseInto(rules, dir.resolve(GITIGNORE));
        if (hasIgnore) parseInto(rules, dir.resolve(IGNORE));
        if (rules.getRules().isEmpty()) return this;
        String dirText = dir.toString();
        int prefix = dirText.endsWith("/") ? dirText.length() : dirText.length() + 1;
        return new IgnoreRules(rules, prefix, this);
    }

    /**
     * Whether the entry at {@code absolutePath} (below this chain's directory, '/'-separated) is ignored.
     * Entries inside an ignored directory are never asked about: the walker does not enter it.
     */
    public boolean isIgnored(String absolutePath, boolean isDirectory) {
        for (IgnoreRules rules = this; rules.node != null; rules = rules.parent) {
            Boolean verdict = rules.node.checkIgnored(absolutePath.substring(rules.prefixLength), isDirectory);
            if (verdict != null) return verdict;
        }
        return false;
    }

    /** Whether any rule is in force (a walker may skip the per-entry check when not). */
    public boolean isEmpty() {
        return node == null;
    }

    private static void parseInto(IgnoreNode rules, Path file) {
        if (FileTypeGuard.kindOf(file) != null) return; // a FIFO named .gitignore would block the walk
        try (InputStream in = GlobSyntax.validLines(Files.newInputStream(file))) {
            rules.parse(file.toString(), in);
        } catch (IOException e) {
            // An unreadable rule file is treated as absent, as git does; the walk itself goes on.
        }
    }
}
