package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code rm -r} (any spelling: {@code -rf}, {@code -R -f}, {@code --recursive}) of the root, a home directory, a
 * top-level system directory or the workspace root, or of everything in one of them; {@code rm --no-preserve-root};
 * {@code find <such a path> -delete} and {@code find ... -exec rm -r}; {@code xargs rm -r}, whose targets arrive at
 * run time. Recursion alone is enough: without {@code -f} rm still deletes everything it is allowed to.
 *
 * <p>Targets are judged twice: as spelled ({@code ~}, {@code $HOME}, {@code /usr}) and by meaning, after
 * {@link Meanings} resolved them and relative paths were joined to every directory the shell could be in
 * ({@link PathDanger}).
 */
final class RecursiveDeleteRule implements CommandRule {

    @Override
    public Set<String> programs() {
        return Set.of("rm", "find");
    }

    @Override
    public String check(SimpleCommand c) {
        return switch (c.program()) {
            case "rm" -> rm(c);
            case "find" -> find(c);
            default -> null;
        };
    }

    private static String rm(SimpleCommand c) {
        boolean recursive = false;
        boolean noPreserveRoot = false;
        boolean options = true;
        List<Word> targets = new ArrayList<>();
        for (Word w : c.args()) {
            String a = w.text();
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("--")) {
                // GNU accepts any unambiguous prefix of a long option.
                recursive |= a.length() >= 3 && "--recursive".startsWith(a);
                noPreserveRoot |= a.length() >= 3 && "--no-preserve-root".startsWith(a);
            } else if (options && a.startsWith("-") && a.length() > 1) {
                recursive |= a.indexOf('r') > 0 || a.indexOf('R') > 0;
            } else {
                targets.add(w);
            }
        }
        if (noPreserveRoot) {
            return CommandRule.refusal(c, "switches off rm's protection of the root filesystem",
                    "Drop --no-preserve-root and name the exact path you mean to delete.");
        }
        if (!recursive) {
            return null;
        }
        String danger = firstDanger(c, targets, false);
        if (danger == null && c.origin() != null && c.origin().argsFromInput()) {
            return CommandRule.refusal(c, "deletes paths read from its input, which are known only at run time and "
                    + "could be your home directory, the workspace root, / or a system directory",
                    "Name the paths to delete on the rm command line, or use find with tests and -delete.");
        }
        return danger;
    }

    private static String find(SimpleCommand c) {
        if (!FindSyntax.deletes(c.args())) {
            return null;
        }
        List<Word> roots = FindSyntax.roots(c.args());
        return firstDanger(c, roots.isEmpty() ? List.of(Word.of(".")) : roots, FindSyntax.filters(c.args()));
    }

    private static String firstDanger(SimpleCommand c, List<Word> targets, boolean filtered) {
        for (Word target : targets) {
            String danger = TargetPaths.deletionDanger(target.text());
            if (danger != null) {
                String remove = danger.equals("the root filesystem") ? "the root target" : "the target `" + target.text() + "`";
                return CommandRule.refusal(c, "deletes " + danger, "Remove " + remove + " or narrow the path.");
            }
        }
        SimpleCommand.Origin origin = c.origin();
        if (origin == null) {
            return null;
        }
        PathDanger judge = new PathDanger(origin.meanings().state());
        List<String> directories = origin.meanings().directories(origin.offset());
        for (Word target : targets) {
            for (String meaning : origin.meanings().of(target, origin.offset())) {
                String danger = judge.judge(meaning, directories, filtered || origin.filteredFind());
                if (danger != null) {
                    String remedy = meaning.contains(Meanings.UNKNOWN_TEXT)
                            ? "Write the path out in full instead of `" + target.text() + "`, or narrow it."
                            : "Remove the target `" + target.text() + "` or narrow the path.";
                    return CommandRule.refusal(c, "deletes " + danger, remedy);
                }
            }
        }
        return null;
    }
}
