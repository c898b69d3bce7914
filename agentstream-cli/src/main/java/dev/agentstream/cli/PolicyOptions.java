package dev.agentstream.cli;

import dev.agentstream.tools.bash.policy.CommandPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The bash safety-policy options every command that runs bash shares. */
final class PolicyOptions {

    @Option(names = "--deny", paramLabel = "RULE", description = "Refuse bash commands matching RULE, e.g. 'git push *' (repeatable).")
    List<String> denyRules = new ArrayList<>();

    @Option(names = "--allow", paramLabel = "RULE", description = "Allow bash commands matching RULE, e.g. 'npm test *' (repeatable).")
    List<String> allowRules = new ArrayList<>();

    @Option(names = "--allow-list", description = "Allow only bash commands that match an --allow rule.")
    boolean allowListMode;

    /** The default rules plus these options; a malformed rule is bad usage. */
    CommandPolicy policy(CommandLine cli) {
        CommandPolicy.Builder policy = CommandPolicy.builder().withDefaults().allowListMode(allowListMode);
        try {
            denyRules.forEach(policy::deny);
            allowRules.forEach(policy::allow);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        return policy.build();
    }
}
