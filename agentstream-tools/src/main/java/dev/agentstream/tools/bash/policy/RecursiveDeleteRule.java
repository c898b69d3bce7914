package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code rm -r} (any spelling: {@code -rf}, {@code -R -f}, {@code --recursive}) of the root, a home directory or a
 * top-level system directory; {@code rm --no-preserve-root}; {@code find <such a path> -delete}. Recursion alone
 * is enough: without {@code -f} rm still deletes everything it is allowed to.
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
        List<String> targets = new ArrayList<>();
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
                targets.add(a);
            }
        }
        if (noPreserveRoot) {
            return CommandRule.refusal(c, "switches off rm's protection of the root filesystem",
                    "Drop --no-preserve-root and name the exact path you mean to delete.");
        }
        return recursive ? firstDanger(c, targets) : null;
    }

    private static String find(SimpleCommand c) {
        if (!FindSyntax.deletes(c.args())) {
            return null;
        }
        return firstDanger(c, FindSyntax.roots(c.args()).stream().map(Word::text).toList());
    }

    private static String firstDanger(SimpleCommand c, List<String> targets) {
        for (String target : targets) {
            String danger = TargetPaths.deletionDanger(target);
            if (danger != null) {
                String remove = danger.equals("the root filesystem") ? "the root target" : "the target `" + target + "`";
                return CommandRule.refusal(c, "deletes " + danger, "Remove " + remove + " or narrow the path.");
            }
        }
        return null;
    }
}
