package dev.agentstream.tools.bash.policy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The built-in destructive-command rules. User allow rules cannot override them. */
final class DefaultRules {

    private static final BlockDeviceWriteRule BLOCK_DEVICES = new BlockDeviceWriteRule();
    private static final List<CommandRule> RULES = List.of(new RecursiveDeleteRule(), new FormatDiskRule(),
            BLOCK_DEVICES, new PowerOffRule(), new RecursivePermissionRule());
    private static final Set<String> PROGRAMS = new TreeSet<>();

    static {
        RULES.forEach(rule -> PROGRAMS.addAll(rule.programs()));
    }

    private DefaultRules() {
    }

    /** The first refusal in the analysis, or null when nothing destructive was found. */
    static PolicyVerdict check(Analysis analysis) {
        if (!analysis.forkingFunctions.isEmpty()) {
            ForkingFunction f = analysis.forkingFunctions.getFirst();
            return PolicyVerdict.refuse(f.source(), "`" + f.source() + "` defines a fork bomb: the function `"
                    + f.name() + "` starts copies of itself in a pipeline or in the background until the machine "
                    + "runs out of processes; refused by the default safety policy. Remove the self-call, or make "
                    + "the recursion bounded and run it in the foreground.");
        }
        for (SimpleCommand command : analysis.commands) {
            String reason = check(command);
            if (reason != null) {
                return PolicyVerdict.refuse(command.source(), reason);
            }
        }
        for (Redirection redirection : analysis.redirections) {
            String reason = BLOCK_DEVICES.checkRedirect(redirection);
            if (reason != null) {
                return PolicyVerdict.refuse(redirection.source(), reason);
            }
        }
        return null;
    }

    private static String check(SimpleCommand command) {
        String program = command.program();
        if (program != null) {
            return firstReason(command);
        }
        Word name = command.name();
        if (name.literal() && name.glob()) {
            // `/bin/r? -rf /` runs rm if the pattern matches it, so judge it as every program it could match.
            Glob pattern = Glob.unquoted(SimpleCommand.baseName(name.text()));
            for (String candidate : PROGRAMS) {
                if (pattern.matches(candidate)) {
                    String reason = firstReason(command.withProgram(candidate));
                    if (reason != null) {
                        return reason;
                    }
                }
            }
        }
        return null;
    }

    private static String firstReason(SimpleCommand command) {
        String program = command.program();
        for (CommandRule rule : RULES) {
            if (rule.appliesTo(program)) {
                String reason = rule.check(command);
                if (reason != null) {
                    return reason;
                }
            }
        }
        return null;
    }
}
