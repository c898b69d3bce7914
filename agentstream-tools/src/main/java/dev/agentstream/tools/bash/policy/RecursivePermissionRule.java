package dev.agentstream.tools.bash.policy;

import java.util.Set;

/** {@code chmod -R}, {@code chown -R} or {@code chgrp -R} over the root or a top-level system directory. */
final class RecursivePermissionRule implements CommandRule {

    private static final Options OPTIONS = new Options("", Set.of("from", "reference"));

    @Override
    public Set<String> programs() {
        return Set.of("chmod", "chown", "chgrp");
    }

    @Override
    public String check(SimpleCommand c) {
        if (!recursive(c)) {
            return null;
        }
        String what = c.program().equals("chmod") ? "permissions" : "ownership";
        for (String target : OPTIONS.operands(c.args())) {
            String danger = TargetPaths.systemDanger(target);
            if (danger != null) {
                return CommandRule.refusal(c, "recursively changes the " + what + " of " + danger,
                        "Apply it only to the specific directory you mean.");
            }
        }
        return null;
    }

    private static boolean recursive(SimpleCommand c) {
        for (Word w : c.args()) {
            String a = w.text();
            if (a.equals("--")) {
                return false;
            }
            if (a.length() >= 5 && "--recursive".startsWith(a)) {
                return true;
            }
            // Letters only: chmod modes such as -rwx or -w must not count as flags, and they never hold R.
            if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('R') > 0
                    && a.substring(1).chars().allMatch(Character::isLetter)) {
                return true;
            }
        }
        return false;
    }
}
