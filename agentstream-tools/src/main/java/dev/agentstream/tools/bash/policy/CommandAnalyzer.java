package dev.agentstream.tools.bash.policy;

/**
 * Parses a command line once and gathers everything in it that the rules judge, following shell strings
 * ({@code bash -c}, {@code eval}, ...) into scripts of their own up to a fixed depth.
 */
final class CommandAnalyzer {

    /** How many shell strings may nest inside each other ({@code bash -c "eval 'sh -c ...'"}). */
    static final int MAX_NESTING = 8;

    private final CommandUnwrapper unwrapper = new CommandUnwrapper();

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
        new ScriptWalker(script, out, meanings, facts, command -> {
            CommandUnwrapper.Unwrapped unwrapped = unwrapper.unwrap(command);
            out.commands.addAll(unwrapped.layers());
            unwrapped.layers().forEach(facts::observe);
            if (unwrapped.truncated()) {
                out.problems.add(new Problem(command.source(), "The command nests more than "
                        + CommandUnwrapper.MAX_LAYERS + " wrapper commands (sudo, env, nice, ...) and cannot be "
                        + "checked safely; refused. Remove the redundant wrappers."));
            }
            for (String inner : unwrapped.scripts()) {
                analyze(inner, nesting + 1, out, state, meanings);
            }
        }).walk();
    }

    private static Problem syntaxProblem(String near, String source) {
        String part = near.isEmpty() ? source.strip() : near;
        String where = near.isEmpty() ? "it is incomplete" : "bash syntax error near `" + near + "`";
        return new Problem(part, "The command could not be parsed safely (" + where + "); refused. Check the "
                + "quoting and brackets: close every quote, `$(`, backtick, `(`/`{` and if/fi, do/done, case/esac pair, "
                + "then send the complete command.");
    }
}
