package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code find [-H|-L|-P|-D opts|-Olevel] [path...] [expression]}. */
final class FindSyntax {

    private static final Set<String> EXEC = Set.of("-exec", "-execdir", "-ok", "-okdir");

    private FindSyntax() {
    }

    /** The start paths; find itself defaults to {@code .} when there are none. */
    static List<Word> roots(List<Word> args) {
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i).text();
            if (a.equals("-H") || a.equals("-L") || a.equals("-P") || a.startsWith("-O")) {
                i++;
            } else if (a.equals("-D")) {
                i += 2;
            } else {
                break;
            }
        }
        List<Word> roots = new ArrayList<>();
        for (; i < args.size(); i++) {
            String a = args.get(i).text();
            if (a.startsWith("-") || a.equals("(") || a.equals("!")) {
                break;
            }
            roots.add(args.get(i));
        }
        return roots;
    }

    private static final Set<String> TESTS = Set.of("-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename",
            "-regex", "-iregex", "-lname", "-ilname", "-type", "-xtype", "-newer", "-anewer", "-cnewer", "-newerXY",
            "-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-size", "-user", "-group", "-uid", "-gid",
            "-nouser", "-nogroup", "-perm", "-empty", "-links", "-inum", "-samefile", "-readable", "-writable",
            "-executable", "-fstype", "-used", "-context", "-false");

    /** Whether the expression tests files, so that it does not act on everything under its start paths. */
    static boolean filters(List<Word> args) {
        return args.stream().anyMatch(w -> TESTS.contains(w.text()) || w.text().startsWith("-newer"));
    }

    static boolean deletes(List<Word> args) {
        return args.stream().anyMatch(w -> w.text().equals("-delete"));
    }

    /**
     * The commands run by {@code -exec}, {@code -execdir}, {@code -ok} and {@code -okdir}. The first file find
     * hands to them is a start path itself, so {@code {}} is replaced by each start path in turn.
     */
    static List<SimpleCommand> executed(SimpleCommand find) {
        List<Word> args = find.args();
        List<Word> roots = roots(args);
        List<SimpleCommand> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (!EXEC.contains(args.get(i).text())) {
                continue;
            }
            int end = i + 1;
            while (end < args.size() && !args.get(end).text().equals(";") && !args.get(end).text().equals("+")) {
                end++;
            }
            if (end > i + 1) {
                List<Word> words = args.subList(i + 1, end);
                for (Word root : roots.isEmpty() ? List.of(Word.of(".")) : roots) {
                    List<Word> substituted = words.stream()
                            .map(w -> w.text().equals("{}") ? root : w).toList();
                    out.add(new SimpleCommand(find.source(), substituted.getFirst(),
                            substituted.subList(1, substituted.size()), false,
                            find.origin() == null ? null : find.origin().withFilteredFind(filters(args))));
                }
            }
            i = end;
        }
        return out;
    }
}
