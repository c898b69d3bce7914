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
    private static final Options UNSHARE = new Options("SGRwl", Set.of("setuid", "setgid", "root", "wd",
            "propagation", "setgroups", "map-user", "map-group", "map-users", "map-groups", "load-interp"));
    private static final Options CHRT = new Options("TPD", Set.of("sched-runtime", "sched-period", "sched-deadline"));
    private static final Options PRLIMIT = new Options("po", Set.of("pid", "output"));
    private static final Options RUNUSER = new Options("ugGcsw",
            Set.of("user", "group", "supp-group", "command", "session-command", "shell", "whitelist-environment"));
    private static final Options SETPRIV = new Options("", Set.of("reuid", "regid", "ruid", "euid", "rgid", "egid",
            "groups", "inh-caps", "ambient-caps", "bounding-set", "securebits", "pdeathsig", "selinux-label",
            "apparmor-profile", "landlock-access", "landlock-rule", "seccomp-filter"));
    private static final Options SCRIPT = new Options("cEIOBTm", Set.of("command", "echo", "log-in", "log-out",
            "log-io", "log-timing", "logging-format", "output-limit"));
    private static final Options STRACE = new Options("abeEIoOpPsSuUX", Set.of("output", "trace", "signal",
            "status", "attach", "user", "string-limit", "summary-columns", "env", "trace-path", "expr"));
    private static final Options LTRACE = new Options("aAeEfFlLnopsSuwx", Set.of("output", "library", "config",
            "indent", "align"));
    private static final Options FLOCK = new Options("wEc", Set.of("timeout", "wait", "conflict-exit-code",
            "command"));
    private static final Options WATCH = new Options("nq", Set.of("interval", "equexit"));
    private static final Options CHROOT = new Options("", Set.of("userspec", "groups"));

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
            case "unshare" -> launch(c, UNSHARE.firstOperand(a, 0), true);
            case "taskset" -> Options.FLAGS_ONLY.hasShortFlag(a, 0, 'p') || hasWord(a, "--pid") ? Step.NONE
                    : launch(c, Options.FLAGS_ONLY.firstOperand(a, 0) + 1, true); // the mask comes first
            case "chrt" -> Options.FLAGS_ONLY.hasShortFlag(a, 0, 'p') || hasWord(a, "--pid") ? Step.NONE
                    : launch(c, CHRT.firstOperand(a, 0) + 1, true); // the priority comes first
            case "prlimit" -> launch(c, PRLIMIT.firstOperand(a, 0), true);
            case "setpriv" -> launch(c, SETPRIV.firstOperand(a, 0), true);
            case "strace" -> launch(c, STRACE.firstOperand(a, 0), true);
            case "ltrace" -> launch(c, LTRACE.firstOperand(a, 0), true);
            case "runuser" -> runuser(c);
            case "chroot" -> launch(c, CHROOT.firstOperand(a, 0) + 1, false); // the new root comes first
            case "script" -> optionScript(SCRIPT.value(a, 0, 'c', "command"));
            case "sg" -> a.size() < 2 ? Step.NONE : new Step(false, List.of(), List.of(join(a,
                    a.get(1).text().equals("-c") ? 2 : 1)));
            case "flock" -> flock(c);
            case "watch" -> new Step(true, List.of(), List.of(join(a, WATCH.firstOperand(a, 0))));
            case "parallel" -> parallel(a);
            case "gdb" -> gdb(c);
            case "eval" -> new Step(true, List.of(), List.of(join(a, 0)));
            case "trap" -> trap(a);
            case "alias" -> alias(a);
            case "find" -> new Step(false, FindSyntax.executed(c), List.of()); // find itself is judged too
            default -> SHELLS.contains(program) ? shell(a) : Step.NONE;
        };
    }

    private static boolean hasWord(List<Word> a, String word) {
        return a.stream().anyMatch(w -> w.text().equals(word));
    }

    /** A command given as an option's value ({@code script -c CMD}) runs as a shell string. */
    private static Step optionScript(String command) {
        return command == null ? Step.NONE : new Step(true, List.of(), List.of(command));
    }

    /** {@code runuser -u USER CMD...} runs CMD; {@code runuser USER -c CMD} runs a shell string like su. */
    private static Step runuser(SimpleCommand c) {
        List<Word> a = c.args();
        Step string = su(a);
        if (!string.scripts().isEmpty()) {
            return string;
        }
        return RUNUSER.value(a, 0, 'u', "user") != null ? launch(c, RUNUSER.firstOperand(a, 0), false) : Step.NONE;
    }

    /** {@code flock [-c CMD] FILE}, {@code flock FILE -c CMD} or {@code flock FILE CMD...}. */
    private static Step flock(SimpleCommand c) {
        List<Word> a = c.args();
        String leading = FLOCK.value(a, 0, 'c', "command");
        if (leading != null) {
            return optionScript(leading);
        }
        int file = FLOCK.firstOperand(a, 0);
        if (file + 2 < a.size() && (a.get(file + 1).text().equals("-c") || a.get(file + 1).text().equals("--command"))) {
            return optionScript(a.get(file + 2).text());
        }
        return launch(c, file + 1, true);
    }

    /** {@code parallel CMD ::: ARGS}: the words before {@code :::} run as a shell string for each argument. */
    private static Step parallel(List<Word> a) {
        int start = Options.FLAGS_ONLY.firstOperand(a, 0);
        int end = start;
        while (end < a.size() && !a.get(end).text().startsWith(":::")) {
            end++;
        }
        return start >= end ? Step.NONE : new Step(true, List.of(), List.of(join(a.subList(0, end), start)));
    }

    /** {@code gdb --args PROG...} runs PROG; {@code -ex 'shell CMD'} and {@code -ex '!CMD'} run CMD in a shell. */
    private static Step gdb(SimpleCommand c) {
        List<Word> a = c.args();
        List<String> scripts = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String t = a.get(i).text();
            if (t.equals("--args") || t.equals("-args")) {
                SimpleCommand inner = c.inner(i + 1);
                return new Step(false, inner == null ? List.of() : List.of(inner), scripts);
            }
            if ((t.equals("-ex") || t.equals("--ex") || t.equals("-eval-command") || t.equals("--eval-command"))
                    && i + 1 < a.size()) {
                String gdbCommand = a.get(++i).text().strip();
                if (gdbCommand.startsWith("!")) {
                    scripts.add(gdbCommand.substring(1));
                } else if (gdbCommand.startsWith("shell ") || gdbCommand.startsWith("pipe ")) {
                    scripts.add(gdbCommand.substring(gdbCommand.indexOf(' ') + 1));
                }
            }
        }
        return new Step(false, List.of(), scripts);
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
