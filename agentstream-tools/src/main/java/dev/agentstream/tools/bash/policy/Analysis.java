package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Everything a command line would do that the rules judge, gathered before any verdict is given. */
final class Analysis {

    final List<SimpleCommand> commands = new ArrayList<>();
    final List<Redirection> redirections = new ArrayList<>();
    final List<ForkingFunction> forkingFunctions = new ArrayList<>();
    /** Functions defined in the input; calling them runs bodies that are checked anyway. */
    final Set<String> definedFunctions = new HashSet<>();
    final List<Problem> problems = new ArrayList<>();
}
