package dev.agentstream.cli;

import dev.agentstream.tools.bash.policy.CommandPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The bash safety-policy options every command that runs bash shares, built with picocli's programmatic API (see
 * {@link OptionBinding} for why).
 */
final class PolicyOptions implements SharedOptions {

    List<String> denyRules = new ArrayList<>();

    List<String> allowRules = new ArrayList<>();

    boolean allowListMode;

    @Override
    public void addTo(CommandSpec command) {
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(this);
        mixin.addOption(OptionBinding.option(() -> denyRules, v -> denyRules = v, "--deny").paramLabel("RULE")
                .type(List.class).auxiliaryTypes(String.class)
                .description("Refuse bash commands matching RULE, e.g. 'git push *' (repeatable).").build());
        mixin.addOption(OptionBinding.option(() -> allowRules, v -> allowRules = v, "--allow").paramLabel("RULE")
                .type(List.class).auxiliaryTypes(String.class)
                .description("Allow bash commands matching RULE, e.g. 'npm test *' (repeatable).").build());
        mixin.addOption(OptionBinding.option(() -> allowListMode, v -> allowListMode = v, "--allow-list").type(boolean.class)
                .description("Allow only bash commands that match an --allow rule.").build());
        command.addMixin("policyOptions", mixin);
    }

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
