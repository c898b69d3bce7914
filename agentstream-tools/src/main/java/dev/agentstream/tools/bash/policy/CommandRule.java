package dev.agentstream.tools.bash.policy;

import java.util.Set;

/** One built-in safety rule about simple commands. */
interface CommandRule {

    /** Programs the rule looks at; used to judge commands whose name is a file-name pattern like {@code /bin/r?}. */
    Set<String> programs();

    default boolean appliesTo(String program) {
        return programs().contains(program);
    }

    /** The reason to refuse {@code command}, or null when the rule has nothing against it. */
    String check(SimpleCommand command);

    static String refusal(SimpleCommand command, String effect, String remedy) {
        return "`" + command.source() + "` " + effect + "; refused by the default safety policy. " + remedy;
    }
}
