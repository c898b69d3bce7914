package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides whether a shell command may run, before any part of it runs.
 *
 * <p>The command is parsed once with tree-sitter-bash and every simple command in it is judged, wherever it sits:
 * lists ({@code ;}, {@code &&}, {@code ||}, newlines, {@code &}), pipelines, subshells, {@code { }} groups,
 * {@code $(...)}, backticks, {@code <(...)} and {@code >(...)}, if/while/for/case bodies, function bodies and
 * assignment values. Strings run by a shell are parsed as scripts of their own ({@code bash|sh|zsh|dash|ksh -c},
 * {@code eval}, {@code su -c}, {@code env -S}, {@code trap}, {@code alias}), up to
 * eight levels deep. Wrappers are seen through: {@code sudo}, {@code doas},
 * {@code env}, {@code nohup}, {@code nice}, {@code time}, {@code timeout}, {@code exec}, {@code command},
 * {@code builtin}, {@code xargs}, {@code stdbuf}, {@code ionice}, {@code setsid}, {@code coproc},
 * {@code busybox} and {@code find -exec} (where {@code {}} stands for each start path). Words are judged after quote removal, escape and {@code $'...'}
 * decoding and brace expansion ({@code 'r''m'}, {@code "rm"}, {@code \rm}, {@code {rm,}} are all {@code rm}), and
 * a program is known by its base name ({@code /usr/bin/rm} is {@code rm}). Variable assignments and
 * declarations ({@code x=1}, {@code export}, {@code local}, {@code unset}) and {@code [[ ]]} tests are not
 * commands; command substitutions inside them are.
 *
 * <h2>Order of judgement</h2>
 * <ol>
 *   <li>Input that does not parse cleanly, nests too deeply or is too long is refused.</li>
 *   <li>Input that holds a NUL byte, or a here-document bash could end elsewhere than the parse does, is
 *       refused.</li>
 *   <li>The built-in destructive rules ({@link Builder#withDefaults()}) refuse: recursive {@code rm} of
 *       {@code /}, {@code /*}, a home directory ({@code ~}, {@code $HOME}), a top-level system directory
 *       ({@code /usr}, {@code /etc}, ...), the workspace root, a directory holding one of them or everything in
 *       one of them, judged by meaning ({@link #check(String, ShellState)}); {@code xargs rm -r};
 *       {@code rm --no-preserve-root}; {@code find <such a path> -delete} and {@code -exec rm -r};
 *       {@code mkfs}, {@code mkfs.*}, {@code mke2fs}, {@code wipefs}, {@code blkdiscard}; {@code dd of=/dev/...};
 *       writing to a block device via {@code >}, {@code >>}, {@code &>}, {@code tee}, {@code cp}, {@code mv} or
 *       {@code shred}; fork bombs (a function that starts itself in a pipeline, background job or subshell);
 *       {@code shutdown}, {@code reboot}, {@code halt}, {@code poweroff}, {@code init 0|6},
 *       {@code systemctl poweroff|reboot|halt}; {@code chmod|chown|chgrp -R} on {@code /} or a system
 *       directory. Allow rules cannot override these.</li>
 *   <li>A command matching a deny rule is refused unless it also matches an allow rule.</li>
 *   <li>In allow-list mode every command must match an allow rule. Wrappers that only launch another checked
 *       command ({@code env}, {@code nice}, {@code bash -c}, ...) are exempt, {@code sudo}/{@code doas}/{@code su}
 *       are not; calls to functions defined in the same input are exempt (their bodies are checked). A command
 *       whose name is computed at run time ({@code $CMD}, {@code $(which x)}) is refused, and so is what the policy
 *       cannot see through: arithmetic on a variable not set to a literal number in the same command, and
 *       exported functions.</li>
 * </ol>
 * In both modes a command word whose value the same command assigns ({@code x=rm; $x}) is judged as that
 * value, functions that run their arguments ({@code r() { "$@"; }}) are judged by what they are called with,
 * quoted text holding {@code $(...)} or a backtick in an assignment is judged as a script (prompt and
 * arithmetic expansion can run it), and {@code ${x@P}}, settings of {@code PROMPT_COMMAND}, {@code PS0}-{@code PS4},
 * {@code BASH_ENV}, {@code ENV} and {@code BASH_FUNC_*} environment entries are refused. Interpreters
 * ({@code python -c}), options of other tools that run commands ({@code git -c alias.x=!cmd}) and names formed
 * while the command runs stay open in deny-list mode: only the sandbox stops those.
 * Wrapped commands are judged layer by layer: for {@code sudo curl x} both {@code sudo curl x} and
 * {@code curl x} must pass.
 *
 * <h2>Rule syntax</h2>
 * A rule is a program-name pattern followed by argument patterns, separated by blanks:
 * <pre>
 *   git push *        git push, with any further arguments (or none)
 *   curl *            curl with any arguments
 *   npm publish       exactly "npm publish", no further arguments
 *   rm -rf build      exactly these arguments
 *   git commit -m *   git commit -m, then anything
 *   docker ?* *       docker with at least one argument
 *   * *               any command
 * </pre>
 * <ul>
 *   <li>Patterns are shell globs: {@code *} any characters (including {@code /}), {@code ?} one character,
 *       {@code [abc]} / {@code [!abc]} a class. Quote ({@code '...'}, {@code "..."}) or backslash-escape
 *       characters to match them literally.</li>
 *   <li>The program pattern is matched against the program's base name ({@code /usr/bin/git} matches
 *       {@code git}) unless it contains a {@code /}, in which case the whole name is compared.</li>
 *   <li>Argument patterns match arguments one for one, in order. A rule matches only a command with exactly as
 *       many arguments, unless its last pattern is a lone {@code *}, which stands for any number of further
 *       arguments, including none. To deny a command whatever its arguments, end the rule with {@code *}.</li>
 *   <li>A word whose value is only known at run time ({@code $VAR}, {@code $(cmd)}) is matched only by
 *       {@code *}.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; {@link #check(String)} never throws.
 */
public final class CommandPolicy {

    private static final int LISTED_ALLOW_RULES = 10;

    private final boolean defaults;
    private final List<UserRule> denyRules;
    private final List<UserRule> allowRules;
    private final boolean allowListMode;
    private final CommandAnalyzer analyzer = new CommandAnalyzer();

    private CommandPolicy(Builder b) {
        this.defaults = b.defaults;
        this.denyRules = List.copyOf(b.deny);
        this.allowRules = List.copyOf(b.allow);
        this.allowListMode = b.allowListMode;
    }

    /** The built-in destructive-command rules, in deny-list mode. */
    public static CommandPolicy defaults() {
        return builder().withDefaults().build();
    }

    /** An empty policy to configure; call {@link Builder#withDefaults()} to start from the built-in rules. */
    public static Builder builder() {
        return new Builder();
    }

    /** Judges a whole command line for a shell in this JVM's home and current directory; see {@link #check(String, ShellState)}. */
    public PolicyVerdict check(String command) {
        return check(command, ShellState.ofThisProcess());
    }

    /**
     * Judges a whole command line as the shell described by {@code shell} would run it; blank input is allowed.
     * Destructive targets are judged by meaning: {@code ~}, {@code $HOME} and its {@code ${HOME...}} forms,
     * {@code $PWD}, {@code $(echo ~)}, {@code $(pwd)}, variables set earlier in the same command and directories
     * entered with {@code cd} are resolved against {@code shell} before the target is compared with the protected
     * paths, and a target that cannot be resolved is refused when it could be one of them.
     */
    public PolicyVerdict check(String command, ShellState shell) {
        if (command == null || command.isBlank()) {
            return PolicyVerdict.allow();
        }
        try {
            return judge(analyzer.analyze(command, shell));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // LinkageError covers a native parser that failed to load; no command runs unchecked.
            return PolicyVerdict.refuse(command.strip(), "The safety policy could not check this command ("
                    + e.getClass().getSimpleName() + "); refused. Simplify the command and try again.");
        }
    }

    private PolicyVerdict judge(Analysis analysis) {
        if (!analysis.problems.isEmpty()) {
            Problem p = analysis.problems.getFirst();
            return PolicyVerdict.refuse(p.part(), p.reason());
        }
        if (defaults) {
            PolicyVerdict verdict = DefaultRules.check(analysis);
            if (verdict != null) {
                return verdict;
            }
        }
        for (SimpleCommand command : analysis.commands) {
            UserRule deny = firstMatch(denyRules, command);
            if (deny != null && firstMatch(allowRules, command) == null) {
                return PolicyVerdict.refuse(command.source(), "`" + command.source() + "` matches the deny rule `"
                        + deny + "`; refused by the configured policy. Do not run it; find another way or ask the "
                        + "user to allow it.");
            }
        }
        if (allowListMode) {
            if (!analysis.unseen.isEmpty()) {
                return PolicyVerdict.refuse(analysis.unseen.getFirst().part(), analysis.unseen.getFirst().reason());
            }
            for (SimpleCommand command : analysis.commands) {
                if (!command.wrapper() && !isLocalFunction(analysis, command)
                        && firstMatch(allowRules, command) == null) {
                    return PolicyVerdict.refuse(command.source(), notAllowed(command));
                }
            }
        }
        return PolicyVerdict.allow();
    }

    private static boolean isLocalFunction(Analysis analysis, SimpleCommand command) {
        String program = command.program();
        return program != null && command.name().text().equals(program) && analysis.definedFunctions.contains(program);
    }

    private String notAllowed(SimpleCommand command) {
        if (command.program() == null) {
            return "`" + command.source() + "` runs a program whose name is only known at run time (`"
                    + command.name().text() + "`); refused by the configured policy (allow-list mode runs only "
                    + "commands named literally). Write the program name out literally.";
        }
        String allowed = allowRules.isEmpty() ? "no commands are allowed"
                : "allowed: " + allowRules.stream().limit(LISTED_ALLOW_RULES).map(r -> "`" + r + "`")
                        .collect(Collectors.joining(", ")) + (allowRules.size() > LISTED_ALLOW_RULES ? ", ..." : "");
        return "`" + command.source() + "` is not on the allow list; refused by the configured policy (allow-list "
                + "mode, " + allowed + "). Use only allowed commands, or ask the user to allow this one.";
    }

    private static UserRule firstMatch(List<UserRule> rules, SimpleCommand command) {
        for (UserRule rule : rules) {
            if (rule.matches(command)) {
                return rule;
            }
        }
        return null;
    }

    /** Collects rules; see the class documentation for the rule syntax. */
    public static final class Builder {

        private boolean defaults;
        private final List<UserRule> deny = new ArrayList<>();
        private final List<UserRule> allow = new ArrayList<>();
        private boolean allowListMode;

        private Builder() {
        }

        /** Turns on the built-in destructive-command rules. */
        public Builder withDefaults() {
            this.defaults = true;
            return this;
        }

        /**
         * Refuses commands matching {@code rule}, unless an allow rule also matches.
         *
         * @throws IllegalArgumentException when the rule is blank or has an unclosed quote
         */
        public Builder deny(String rule) {
            deny.add(UserRule.parse(Objects.requireNonNull(rule, "rule")));
            return this;
        }

        /**
         * Lets commands matching {@code rule} pass deny rules and allow-list mode; never the built-in rules.
         *
         * @throws IllegalArgumentException when the rule is blank or has an unclosed quote
         */
        public Builder allow(String rule) {
            allow.add(UserRule.parse(Objects.requireNonNull(rule, "rule")));
            return this;
        }

        /** When on, every command must match an allow rule. */
        public Builder allowListMode(boolean on) {
            this.allowListMode = on;
            return this;
        }

        public CommandPolicy build() {
            return new CommandPolicy(this);
        }
    }
}
