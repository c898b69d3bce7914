package dev.agentstream.tools.bash.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How much of the machine the bash tool's shell may touch. */
public enum SandboxMode {
    /** bubblewrap: the workspace folders and a private /tmp writable, the rest read-only. */
    WORKSPACE_WRITE("workspace-write"),
    /** bubblewrap: nothing writable but a private /tmp. */
    READ_ONLY("read-only"),
    /** No sandbox: the shell can do whatever this user can. */
    OFF("off");

    private final String label;

    SandboxMode(String label) {
        this.label = label;
    }

    /** The name used on the command line and in result metadata. */
    public String label() {
        return label;
    }

    /** The mode with this {@link #label()}, or a one-sentence error naming the choices. */
    public static SandboxMode parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown sandbox mode '" + text + "'; choose one of "
                        + Arrays.stream(values()).map(SandboxMode::label).collect(Collectors.joining(", ")) + "."));
    }

    @Override
    public String toString() {
        return label;
    }
}
