package dev.agentstream.tools.find;

import dev.agentstream.core.ToolInputException;
import dev.agentstream.tools.fs.GlobSyntax;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * The {@code include} and {@code exclude} globs, with gitignore meaning (JGit's matcher) on paths relative
 * to the searched folder: a glob without a slash matches a name at any depth ({@code *.java}), one with a
 * slash is anchored ({@code src/**}{@code /*.ts}), {@code dir/} matches everything under dir. Braces
 * ({@code *.{ts,tsx}}) are expanded, and an include starting with {@code !} is an exclude.
 *
 * <p>Excludes prune folders as well as files; includes choose files only, so folders are always entered.
 */
final class PathGlobs {

    private final List<FastIgnoreRule> includes;
    private final List<FastIgnoreRule> excludes;

    private PathGlobs(List<FastIgnoreRule> includes, List<FastIgnoreRule> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    static PathGlobs of(List<String> include, List<String> exclude) {
        List<FastIgnoreRule> includes = new ArrayList<>();
        List<FastIgnoreRule> excludes = new ArrayList<>();
        for (String glob : include) {
            if (glob.startsWith("!")) addAll(excludes, glob.substring(1), "include");
            else addAll(includes, glob, "include");
        }
        for (String glob : exclude) {
            addAll(excludes, glob.startsWith("!") ? glob.substring(1) : glob, "exclude");
        }
        return new PathGlobs(includes, excludes);
    }

    boolean excludesDirectory(String relativePath) {
        for (FastIgnoreRule rule : excludes) {
            if (rule.isMatch(relativePath, true)) return true;
        }
        return false;
    }

    boolean includesFile(String relativePath) {
        for (FastIgnoreRule rule : excludes) {
            if (rule.isMatch(relativePath, false)) return false;
        }
        if (includes.isEmpty()) return true;
        for (FastIgnoreRule rule : includes) {
            if (rule.isMatch(relativePath, false)) return true;
        }
        return false;
    }

    private static void addAll(List<FastIgnoreRule> rules, String glob, String field) {
        String trimmed = glob.strip();
        if (trimmed.isEmpty()) {
            throw new ToolInputException("'" + field + "' holds an empty glob; remove it or write a glob such as \"*.java\".");
        }
        for (String expanded : BraceExpansion.expand(trimmed)) {
            if (!GlobSyntax.isValid(expanded)) {
                throw new ToolInputException("'" + field + "' glob \"" + glob + "\" is not a valid glob (" + GlobSyntax.problem(expanded)
                        + "); write one such as \"*.java\", \"src/**\" or \"*.{ts,tsx}\".");
            }
            FastIgnoreRule rule = new FastIgnoreRule(expanded);
            if (rule.isEmpty() || rule.getNegation()) {
                throw new ToolInputException("'" + field + "' glob \"" + glob + "\" is not a valid glob; write one such as \"*.java\", \"src/**\" or \"*.{ts,tsx}\".");
            }
            rules.add(rule);
        }
    }
}
