package dev.agentstream.cli;

import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.sandbox.Bubblewrap;
import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import dev.agentstream.tools.bash.sandbox.SandboxMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where bash runs and what it inherits: the options every command that runs bash shares, built with picocli's
 * programmatic API (see {@link OptionBinding} for why).
 */
final class SandboxOptions implements SharedOptions {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    String mode;

    boolean network;

    List<Path> hidden = new ArrayList<>();

    List<String> passedSecrets = new ArrayList<>();

    @Override
    public void addTo(CommandSpec command) {
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(this);
        mixin.addOption(OptionBinding.option(() -> mode, v -> mode = v, "--sandbox").paramLabel("MODE").type(String.class)
                .defaultValue("workspace-write")
                .description("Where bash runs: workspace-write (bubblewrap; the workspace and a private /tmp writable, the rest "
                        + "read-only, no network), read-only (only a private /tmp writable) or off (default ${DEFAULT-VALUE}).").build());
        mixin.addOption(OptionBinding.option(() -> network, v -> network = v, "--network").type(boolean.class)
                .description("Let the sandboxed bash use the network (it has none by default).").build());
        mixin.addOption(OptionBinding.option(() -> hidden, v -> hidden = v, "--hide").paramLabel("PATH")
                .type(List.class).auxiliaryTypes(Path.class)
                .description("Hide PATH from the sandboxed bash too (repeatable; ~/.ssh, ~/.aws, "
                        + "~/.config/gcloud, ~/.netrc and ~/.agentstream/config.json are always hidden).").build());
        mixin.addOption(OptionBinding.option(() -> passedSecrets, v -> passedSecrets = v, "--env").paramLabel("NAME")
                .type(List.class).auxiliaryTypes(String.class)
                .description("Pass the environment variable NAME to bash although its name looks "
                        + "secret (repeatable; variables named like *KEY*, *SECRET*, *TOKEN*, *PASSWORD* are withheld otherwise).").build());
        command.addMixin("sandboxOptions", mixin);
    }

    /** {@code bash} with these options, the workspace being {@code roots}; a bad mode or name is bad usage. */
    BashConfig apply(BashConfig bash, List<Path> roots, CommandLine cli) {
        SandboxMode parsed;
        try {
            parsed = SandboxMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--sandbox: " + e.getMessage());
        }
        for (String name : passedSecrets) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new CommandLine.ParameterException(cli, "--env " + name + " is not a variable name; give a name such as GITHUB_TOKEN.");
            }
        }
        SandboxConfig sandbox = new SandboxConfig(parsed, roots, network, hidden);
        return bash.withSandbox(sandbox).withPassedSecrets(new LinkedHashSet<>(passedSecrets));
    }

    /** The working directory as the only workspace folder. */
    BashConfig apply(BashConfig bash, CommandLine cli) {
        return apply(bash, List.of(bash.workingDirectory()), cli);
    }

    /** The one line at start that says bash will be refused, and how to fix it; nothing when all is well. */
    static void warnIfUnavailable(BashConfig bash, PrintStream err) {
        if (bash.sandbox().enabled() && !Bubblewrap.status().available()) {
            err.println("agentstream: " + Bubblewrap.status().problem());
        }
    }
}
