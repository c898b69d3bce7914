package dev.agentstream.tools.bash.policy;

import java.util.List;

/**
 * One simple command: a program name and its arguments.
 *
 * @param source  the command's source text, reported to the model as the refused part
 * @param name    the first word
 * @param args    the remaining words
 * @param wrapper true when this command only launches another command that is itself checked
 *                (e.g. {@code env}, {@code nice}, {@code bash -c}); allow-list mode then judges the inner command
 * @param origin  where the command sits, for judging its words by meaning; null when unknown
 */
record SimpleCommand(String source, Word name, List<Word> args, boolean wrapper, Origin origin) {

    /**
     * @param meanings       resolves the command's words in its script
     * @param offset         where the command starts in that script
     * @param argsFromInput  more arguments arrive at run time ({@code xargs rm})
     * @param filteredFind   run by {@code find -exec} with tests, so only on files that pass them
     */
    record Origin(Meanings meanings, int offset, boolean argsFromInput, boolean filteredFind) {

        Origin withArgsFromInput() {
            return new Origin(meanings, offset, true, filteredFind);
        }

        Origin withFilteredFind(boolean filtered) {
            return new Origin(meanings, offset, argsFromInput, filtered);
        }
    }

    SimpleCommand {
        args = List.copyOf(args);
    }

    SimpleCommand(String source, Word name, List<Word> args, boolean wrapper) {
        this(source, name, args, wrapper, null);
    }

    static SimpleCommand of(String source, List<Word> words, Origin origin) {
        return new SimpleCommand(source, words.getFirst(), words.subList(1, words.size()), false, origin);
    }

    /** The program's base name ({@code /usr/bin/rm} is {@code rm}), or null when not known before run time. */
    String program() {
        return name.exact() ? baseName(name.text()) : null;
    }

    static String baseName(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        return slash >= 0 && slash < p.length() - 1 ? p.substring(slash + 1) : p;
    }

    /** The command formed by the arguments from {@code index} on, as a wrapper would launch it. */
    SimpleCommand inner(int index) {
        return index < args.size()
                ? new SimpleCommand(source, args.get(index), args.subList(index + 1, args.size()), false, origin)
                : null;
    }

    SimpleCommand asWrapper() {
        return new SimpleCommand(source, name, args, true, origin);
    }

    SimpleCommand withProgram(String program) {
        return new SimpleCommand(source, Word.of(program), args, wrapper, origin);
    }

    SimpleCommand withOrigin(Origin newOrigin) {
        return new SimpleCommand(source, name, args, wrapper, newOrigin);
    }
}
