package dev.agentstream.tools.fs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.errors.InvalidPatternException;
import org.eclipse.jgit.ignore.internal.PathMatcher;

/**
 * Checks a gitignore-style glob before JGit's {@code FastIgnoreRule} sees it: that class logs a bad pattern
 * with a stack trace at ERROR and then quietly matches nothing, so a bad glob must be caught here first.
 */
public final class GlobSyntax {

    private GlobSyntax() {}

    /**
     * The lines of a rule file without the patterns JGit cannot compile, which git itself skips too; the
     * stream is read (and closed) at once.
     */
    public static InputStream validLines(InputStream in) throws IOException {
        String text;
        try (in) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#") || isValid(rule)) kept.append(line).append('\n');
        }
        return new ByteArrayInputStream(kept.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isValid(String glob) {
        return problem(glob) == null;
    }

    /** Why JGit cannot compile {@code glob} ("Not closed bracket?"), or null when it can. */
    public static String problem(String glob) {
        String pattern = glob.startsWith("!") ? glob.substring(1) : glob;
        boolean dirOnly = pattern.endsWith("/");
        if (dirOnly) pattern = pattern.substring(0, pattern.length() - 1);
        if (pattern.isEmpty()) return null;
        try {
            PathMatcher.createPathMatcher(pattern, '/', dirOnly);
            return null;
        } catch (InvalidPatternException e) {
            return e.getMessage() == null ? "it does not compile" : e.getMessage();
        }
    }
}
