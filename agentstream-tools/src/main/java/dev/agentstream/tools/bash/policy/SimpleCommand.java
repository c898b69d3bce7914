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
 */
record SimpleCommand(String source, Word name, List<Word> args, boolean wrapper) {

    SimpleCommand {
        args = List.copyOf(args);
    }

    static SimpleCommand of(String source, List<Word> words) {
        return new SimpleCommand(source, words.getFirst(), words.subList(1, words.size()), false);
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
                ? new SimpleCommand(source, args.get(index), args.subList(index + 1, args.size()), false)
                : null;
    }

    SimpleCommand asWrapper() {
        return new SimpleCommand(source, name, args, true);
    }

    SimpleCommand withProgram(String program) {
        return new SimpleCommand(source, Word.of(program), args, wrapper);
    }
}
