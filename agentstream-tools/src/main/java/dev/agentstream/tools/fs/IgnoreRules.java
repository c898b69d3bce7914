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
 * As in ripgrep, {@code .gitignore} and {@code .git/info/exclude} count only inside a git repository
 * (a folder with {@code .git}, or below one); {@code .ignore} counts everywhere.
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

    private static final IgnoreRules NONE = new IgnoreRules(null, 0, null, false);

    private final IgnoreNode node;
    /** Whether this chain's directory lies in a git repository, so that git's own ignore files count. */
    private final boolean inRepository;
    /** Length of the directory's path plus its separator: what to cut off an entry's path to make it relative. */
    private final int prefixLength;
    private final IgnoreRules parent;

    private IgnoreRules(IgnoreNode node, int prefixLength, IgnoreRules parent, boolean inRepository) {
        this.node = node;
        this.inRepository = inRepository;
        this.prefixLength = prefixLength;
        this.parent = parent;
    }

    /** No rules at all (what {@code no_ignore} asks for). */
    public static IgnoreRules none() {
        return NONE;
    }

    /**
     * The rules in force inside {@code root}: those of its ancestors (up to the enclosing git repository's
     * top when there is one, else {@code .ignore} files up to the file system's root), then root's own.
     */
    public static IgnoreRules forRoot(Path root) {
        return above(root).enter(root);
    }

    /**
     * The rules of {@code root}'s ancestors, without root's own: for a walker that enters every folder, root
     * included, itself. Inside a git repository that is every ancestor up to the repository's top; outside
     * one, the {@code .ignore} files of all ancestors.
     */
    public static IgnoreRules above(Path root) {
        Deque<Path> ancestors = new ArrayDeque<>();
        Path repoTop = Files.exists(root.resolve(GIT)) ? root : null;
        for (Path dir = root.getParent(); dir != null && repoTop == null; dir = dir.getParent()) {
            ancestors.push(dir);
            if (Files.exists(dir.resolve(GIT))) repoTop = dir;
        }
        IgnoreRules rules = repoTop != null ? new IgnoreRules(null, 0, null, true) : NONE;
        for (Path dir : ancestors) {
            rules = rules.enter(dir);
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
        boolean inRepo = inRepository || hasGit;
        boolean gitRules = inRepo && hasGitignore;
        Path exclude = dir.resolve(GIT).resolve("info").resolve("exclude");
        boolean hasExclude = hasGit && Files.isRegularFile(exclude);
        if (!gitRules && !hasIgnore && !hasExclude) return inRepo == inRepository ? this : new IgnoreRules(node, prefixLength, parent, true);
        IgnoreNode rules = new IgnoreNode();
        // Parsed lowest precedence first: the last matching rule wins.
        if (hasExclude) parseInto(rules, exclude);
        if (gitRules) parseInto(rules, dir.resolve(GITIGNORE));
        if (hasIgnore) parseInto(rules, dir.resolve(IGNORE));
        if (rules.getRules().isEmpty()) return inRepo == inRepository ? this : new IgnoreRules(node, prefixLength, parent, true);
        String dirText = dir.toString();
        int prefix = dirText.endsWith("/") ? dirText.length() : dirText.length() + 1;
        return new IgnoreRules(rules, prefix, this, inRepo);
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
