package dev.agentstream.tools.bash.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sees through commands that launch other commands. {@code sudo env X=1 nice -n 5 rm -rf /} yields the layers
 * {@code sudo}, {@code env}, {@code nice} and {@code rm}, so a rule about {@code rm} fires however it is wrapped.
 * Commands that run a shell string ({@code bash -c}, {@code eval}, {@code trap}, {@code alias}, {@code su -c},
 * {@code env -S}) yield that string, which the caller parses as a script of its own.
 */
final class CommandUnwrapper {

    /** Wrappers nested deeper than this are refused rather than followed. */
    static final int MAX_LAYERS = 32;

    record Unwrapped(List<SimpleCommand> layers, List<String> scripts, boolean truncated) {
    }

    /**
     * What one command launches.
     *
     * @param transparent the command does nothing but launch {@code inner} or {@code scripts}, which are checked
     */
    private record Step(boolean transparent, List<SimpleCommand> inner, List<String> scripts) {
        static final Step NONE = new Step(false, List.of(), List.of());
    }

    private static final Set<String> SHELLS =
            Set.of("sh", "bash", "rbash", "zsh", "dash", "ksh", "mksh", "ash", "yash", "fish");

    private static final Options SUDO = new Options("ugCDhprtTU", Set.of("user", "group", "close-from", "chdir",
            "host", "prompt", "role", "type", "command-timeout", "other-user"));
    private static final Options DOAS = new Options("uC", Set.of());
    private static final Options ENV = new Options("uCS", Set.of("unset", "chdir", "split-string"));
    private static final Options NICE = new Options("n", Set.of("adjustment"));
    private static final Options TIME = new Options("fo", Set.of("format", "output"));
    private static final Options TIMEOUT = new Options("sk", Set.of("signal", "kill-after"));
    private static final Options EXEC = new Options("a", Set.of());
    private static final Options XARGS = new Options("adEILnPs",
            Set.of("arg-file", "delimiter", "max-args", "max-procs", "max-chars", "process-slot-var"));
    private static final Options STDBUF = new Options("ioe", Set.of("input", "output", "error"));
    private static final Options IONICE = new Options("cnpPu", Set.of("class", "classdata", "pid", "pgid", "uid"));

    Unwrapped unwrap(SimpleCommand command) {
        List<SimpleCommand> layers = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        Deque<SimpleCommand> pending = new ArrayDeque<>();
        pending.add(command);
        while (!pending.isEmpty()) {
            if (layers.size() >= MAX_LAYERS) {
                return new Unwrapped(layers, scripts, true);
            }
            SimpleCommand current = pending.poll();
            Step step = step(current);
            layers.add(step.transparent() ? current.asWrapper() : current);
            scripts.addAll(step.scripts());
            pending.addAll(step.inner());
        }
        return new Unwrapped(layers, scripts, false);
    }

    private Step step(SimpleCommand c) {
        String program = c.program();
        if (program == null) {
            return Step.NONE;
        }
        List<Word> a = c.args();
        return switch (program) {
            // Privilege changes are never transparent: allow-list mode must allow sudo itself.
            case "sudo" -> launch(c, skipAssignments(a, SUDO.firstOperand(a, 0)), false);
            case "doas" -> launch(c, DOAS.firstOperand(a, 0), false);
            case "su" -> su(a);
            case "env" -> env(c);
            case "nohup", "builtin", "coproc", "busybox", "setsid" ->
                    launch(c, Options.FLAGS_ONLY.firstOperand(a, 0), true);
            case "nice" -> launch(c, NICE.firstOperand(a, 0), true);
            case "time" -> launch(c, TIME.firstOperand(a, 0), true);
            case "timeout" -> launch(c, TIMEOUT.firstOperand(a, 0) + 1, true);
            case "exec" -> launch(c, EXEC.firstOperand(a, 0), true);
            case "command" -> Options.FLAGS_ONLY.hasShortFlag(a, 0, 'v') || Options.FLAGS_ONLY.hasShortFlag(a, 0, 'V')
                    ? Step.NONE // command -v only looks the name up
                    : launch(c, Options.FLAGS_ONLY.firstOperand(a, 0), true);
            case "xargs" -> {
                // xargs appends words read from its input, which cannot be known before it runs.
                SimpleCommand inner = c.inner(XARGS.firstOperand(a, 0));
                yield inner == null ? Step.NONE : new Step(true, List.of(inner.withOrigin(
                        inner.origin() == null ? null : inner.origin().withArgsFromInput())), List.of());
            }
            case "stdbuf" -> launch(c, STDBUF.firstOperand(a, 0), true);
            case "ionice" -> launch(c, IONICE.firstOperand(a, 0), true);
            case "eval" -> new Step(true, List.of(), List.of(join(a, 0)));
            case "trap" -> trap(a);
            case "alias" -> alias(a);
            case "find" -> new Step(false, FindSyntax.executed(c), List.of()); // find itself is judged too
            default -> SHELLS.contains(program) ? shell(a) : Step.NONE;
        };
    }

    private static Step launch(SimpleCommand c, int innerIndex, boolean transparent) {
        SimpleCommand inner = c.inner(innerIndex);
        return inner == null ? Step.NONE : new Step(transparent, List.of(inner), List.of());
    }

    private static int skipAssignments(List<Word> a, int from) {
        int i = from;
        while (i < a.size() && isAssignment(a.get(i).text())) {
            i++;
        }
        return i;
    }

    private static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        return eq > 0 && word.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    private static Step env(SimpleCommand c) {
        List<Word> a = c.args();
        String split = ENV.value(a, 0, 'S', "split-string");
        int i = ENV.firstOperand(a, 0);
        while (i < a.size() && (a.get(i).text().equals("-") || isAssignment(a.get(i).text()))) {
            i++;
        }
        if (split != null) {
            // env -S splits its string into the command and prepends it to the remaining words.
            return new Step(true, List.of(), List.of((split + " " + join(a, i)).strip()));
        }
        return launch(c, i, true);
    }

    private static Step su(List<Word> a) {
        for (int i = 0; i < a.size(); i++) {
            String t = a.get(i).text();
            if ((t.equals("-c") || t.equals("--command")) && i + 1 < a.size()) {
                return new Step(false, List.of(), List.of(a.get(i + 1).text()));
            }
            if (t.startsWith("--command=")) {
                return new Step(false, List.of(), List.of(t.substring("--command=".length())));
            }
        }
        return Step.NONE;
    }

    /** {@code bash [options] -c 'string' [name [args]]}: the string is what runs. */
    private static Step shell(List<Word> a) {
        boolean commandString = false;
        int i = 0;
        for (; i < a.size(); i++) {
            String t = a.get(i).text();
            if (t.equals("--") || t.equals("-")) {
                i++;
                break;
            }
            if (t.startsWith("--")) {
                if (t.equals("--rcfile") || t.equals("--init-file")) {
                    i++;
                }
                continue;
            }
            if (t.length() > 1 && (t.startsWith("-") || t.startsWith("+"))) {
                commandString |= t.startsWith("-") && t.indexOf('c') > 0;
                if (t.endsWith("o") || t.endsWith("O")) {
                    i++; // -o pipefail, -O extglob
                }
                continue;
            }
            break;
        }
        if (!commandString || i >= a.size()) {
            return Step.NONE;
        }
        return new Step(true, List.of(), List.of(a.get(i).text()));
    }

    /** {@code trap 'handler' SIGNAL...} runs the handler later, in this shell. */
    private static Step trap(List<Word> a) {
        int i = Options.FLAGS_ONLY.firstOperand(a, 0);
        if (a.size() - i < 2) {
            return Step.NONE;
        }
        return new Step(true, List.of(), List.of(a.get(i).text()));
    }

    /** An alias body runs wherever the alias is used, possibly in a later command of this session. */
    private static Step alias(List<Word> a) {
        List<String> bodies = new ArrayList<>();
        for (Word w : a) {
            int eq = w.text().indexOf('=');
            if (eq > 0 && !w.text().startsWith("-")) {
                bodies.add(w.text().substring(eq + 1));
            }
        }
        return new Step(true, List.of(), bodies);
    }

    private static String join(List<Word> a, int from) {
        return a.subList(Math.min(from, a.size()), a.size()).stream().map(Word::text)
                .collect(Collectors.joining(" "));
    }
}
