package dev.agentstream.tools.bash.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses a command line once and gathers everything in it that the rules judge, following shell strings
 * ({@code bash -c}, {@code eval}, ...) into scripts of their own up to a fixed depth.
 */
final class CommandAnalyzer {

    /** How many shell strings may nest inside each other ({@code bash -c "eval 'sh -c ...'"}). */
    static final int MAX_NESTING = 8;

    private final CommandUnwrapper unwrapper = new CommandUnwrapper();

    /** A command word that runs a function's arguments: {@code "$@"}, {@code $*}, {@code $1}, {@code ${2}}. */
    /** Environment variables a new shell runs or reads as code. */
    private static final Pattern ENV_HOOK = Pattern.compile("(BASH_ENV|ENV|PROMPT_COMMAND|PS[0-4]|SHELLOPTS|BASHOPTS)=");
    private static final Pattern POSITIONAL = Pattern.compile("\\$(\\{)?[@*1-9]");

    Analysis analyze(String command, ShellState state) {
        Analysis out = new Analysis();
        analyze(command, 0, out, state, null);
        return out;
    }

    private void analyze(String source, int nesting, Analysis out, ShellState state, Meanings parent) {
        if (source.isBlank()) {
            return;
        }
        if (nesting > MAX_NESTING) {
            out.problems.add(new Problem(source, "The command nests shell strings (bash -c, eval, ...) more than "
                    + MAX_NESTING + " levels deep and cannot be checked safely; refused. Run the inner command directly."));
            return;
        }
        if (source.length() > BashParser.MAX_CHARS) {
            out.problems.add(new Problem(source.substring(0, 80) + "…", "The command is longer than "
                    + BashParser.MAX_CHARS + " characters and is not checked; refused. Write long scripts to a file "
                    + "with the edit tool and run that file."));
            return;
        }
        if (source.indexOf('\0') >= 0) {
            out.problems.add(new Problem(source.replace("\0", "\\0").strip(), "The command contains a NUL byte, "
                    + "which bash drops from what it runs, so it cannot be checked as written; refused. Remove the NUL "
                    + "byte (\\u0000) and send the command again."));
            return;
        }
        HereDocuments.Outcome parsed = HereDocuments.parse(source);
        if (parsed != null && parsed.problem() != null) {
            out.problems.add(parsed.problem());
            return;
        }
        ParsedScript script = parsed == null ? null : parsed.script();
        if (script == null) {
            out.problems.add(new Problem(source, "The command took too long to parse to be checked safely; refused. "
                    + "Split it into smaller commands."));
            return;
        }
        if (script.syntaxError() != null) {
            out.problems.add(syntaxProblem(script.syntaxError(), source));
            return;
        }
        ScriptFacts facts = new ScriptFacts();
        Meanings meanings = new Meanings(state, facts, parent);
        int quotedBefore = out.quotedCode.size();
        new ScriptWalker(script, out, meanings, facts, command -> collect(command, nesting, out, state, meanings, facts))
                .walk();
        List<String> quoted = new ArrayList<>(out.quotedCode.subList(quotedBefore, out.quotedCode.size()));
        out.quotedCode.subList(quotedBefore, out.quotedCode.size()).clear();
        for (String code : quoted) {
            analyze(code, nesting + 1, out, state, meanings);
        }
    }

    /**
     * Adds a command and every command it launches: through wrappers, shell strings, a command word whose value
     * the script's own assignments tell ({@code x=rm; $x}), and functions that run their arguments.
     */
    private void collect(SimpleCommand command, int nesting, Analysis out, ShellState state, Meanings meanings,
                         ScriptFacts facts) {
        Deque<SimpleCommand> pending = new ArrayDeque<>();
        pending.add(command);
        int followed = 0;
        while (!pending.isEmpty()) {
            if (++followed > CommandUnwrapper.MAX_LAYERS) {
                out.problems.add(new Problem(command.source(), "The command launches more than "
                        + CommandUnwrapper.MAX_LAYERS + " commands through wrappers, variables and functions and "
                        + "cannot be checked safely; refused. Write the command out directly."));
                return;
            }
            CommandUnwrapper.Unwrapped unwrapped = unwrapper.unwrap(pending.poll());
            out.commands.addAll(unwrapped.layers());
            if (unwrapped.truncated()) {
                out.problems.add(new Problem(command.source(), "The command nests more than "
                        + CommandUnwrapper.MAX_LAYERS + " wrapper commands (sudo, env, nice, ...) and cannot be "
                        + "checked safely; refused. Remove the redundant wrappers."));
            }
            for (String inner : unwrapped.scripts()) {
                analyze(inner, nesting + 1, out, state, meanings);
            }
            // After the shell strings: eval's string reads the variables as they were before it ran.
            unwrapped.layers().forEach(facts::observe);
            for (SimpleCommand layer : unwrapped.layers()) {
                follow(layer, out, pending);
            }
        }
    }

    private static void follow(SimpleCommand layer, Analysis out, Deque<SimpleCommand> pending) {
        String program = layer.program();
        if (program == null) {
            if (POSITIONAL.matcher(layer.name().text()).find() && !out.functionStack.isEmpty()) {
                out.runnerFunctions.add(out.functionStack.peek());
            }
            pending.addAll(namedByValue(layer));
        } else if (program.equals("env")) {
            for (Word w : layer.args()) {
                if (w.text().startsWith("BASH_FUNC_") || ENV_HOOK.matcher(w.text()).lookingAt()) {
                    out.problems.add(new Problem(layer.source(), "`" + layer.source() + "` gives the new shell a function "
                            + "or start-up code through the environment, which the policy cannot check; refused. Run the "
                            + "commands directly instead."));
                }
            }
        } else if (out.runnerFunctions.contains(program) && layer.name().text().equals(program)) {
            SimpleCommand inner = layer.inner(0);
            if (inner != null) {
                pending.add(inner);
            }
        }
    }

    /** The commands a variable command word can name, from the values the script assigns it. */
    private static List<SimpleCommand> namedByValue(SimpleCommand layer) {
        List<SimpleCommand> named = new ArrayList<>();
        if (layer.origin() == null) {
            return named;
        }
        for (String meaning : layer.origin().meanings().of(layer.name(), layer.origin().offset())) {
            String[] fields = meaning.strip().split("\\s+");
            if (meaning.isBlank() || fields[0].contains(Meanings.UNKNOWN_TEXT)) {
                continue;
            }
            List<Word> args = new ArrayList<>();
            for (int i = 1; i < fields.length; i++) {
                args.add(Word.of(fields[i]));
            }
            args.addAll(layer.args());
            named.add(new SimpleCommand(layer.source(), Word.of(fields[0]), args, false, layer.origin()));
        }
        return named;
    }

    private static Problem syntaxProblem(String near, String source) {
        String part = near.isEmpty() ? source.strip() : near;
        String where = near.isEmpty() ? "it is incomplete" : "bash syntax error near `" + near + "`";
        return new Problem(part, "The command could not be parsed safely (" + where + "); refused. Check the "
                + "quoting and brackets: close every quote, `$(`, backtick, `(`/`{` and if/fi, do/done, case/esac pair, "
                + "then send the complete command.");
    }
}
