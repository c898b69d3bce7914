package dev.agentstream.tools.bash.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    /** What the policy cannot see through; refused in allow-list mode, which runs only what it can judge. */
    final List<Problem> unseen = new ArrayList<>();
    /** The functions whose bodies are being walked, innermost first. */
    final Deque<String> functionStack = new ArrayDeque<>();
    /** Functions that run their arguments as a command ({@code r() { "$@"; }}). */
    final Set<String> runnerFunctions = new HashSet<>();
    /** Quoted text holding {@code $(} or a backtick, which prompt or arithmetic expansion could run later. */
    final List<String> quotedCode = new ArrayList<>();
}
