package dev.agentstream.tools.bash.policy;

import java.util.Set;

/** Shutting down or restarting the machine the agent itself runs on. */
final class PowerOffRule implements CommandRule {

    private static final Set<String> ALWAYS = Set.of("shutdown", "reboot", "halt", "poweroff");
    private static final Set<String> RUNLEVELS = Set.of("0", "6");
    private static final Set<String> VERBS = Set.of("poweroff", "reboot", "halt", "kexec", "soft-reboot",
            "reboot.target", "poweroff.target", "halt.target", "kexec.target");

    @Override
    public Set<String> programs() {
        return Set.of("shutdown", "reboot", "halt", "poweroff", "init", "telinit", "systemctl", "loginctl");
    }

    @Override
    public String check(SimpleCommand c) {
        String p = c.program();
        boolean powerOff = switch (p) {
            case "init", "telinit" -> c.args().stream().anyMatch(w -> RUNLEVELS.contains(w.text()));
            case "systemctl", "loginctl" -> c.args().stream().anyMatch(w -> VERBS.contains(w.text()));
            default -> ALWAYS.contains(p);
        };
        return powerOff
                ? CommandRule.refusal(c, "shuts down or restarts the machine",
                        "Do not power off or reboot; if it is really needed, ask the user to do it.")
                : null;
    }
}
