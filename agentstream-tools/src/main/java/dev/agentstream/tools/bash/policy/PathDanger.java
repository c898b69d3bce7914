package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a deletion target by what it means: after {@link Meanings} resolved it and relative paths were joined to
 * every directory the shell could be in, it is dangerous when it is, or holds, the root, a top-level system
 * directory, the home directory or the workspace root, or matches everything inside one of them. A target with a
 * part only known at run time is dangerous when what follows that part could still end in such a directory
 * ({@code "$X"}, {@code "$X"/*}, {@code "$X/etc"}).
 */
final class PathDanger {

    private record Protected(List<String> segments, String description, boolean workspace) {
    }

    private final List<Protected> protectedPaths = new ArrayList<>();

    PathDanger(ShellState state) {
        protectedPaths.add(new Protected(segments(state.home().toString()),
                "your home directory (" + state.home() + ")", false));
        protectedPaths.add(new Protected(segments(state.workspaceRoot().toString()),
                "the workspace root (" + state.workspaceRoot() + ")", true));
        for (String dir : TargetPaths.SYSTEM_DIRS) {
            protectedPaths.add(new Protected(List.of(dir), "the system directory /" + dir, false));
        }
    }

    /**
     * What deleting {@code meaning} would destroy, or null.
     *
     * @param filtered the deletion only hits files passing tests ({@code find . -name '*.o' -delete}), which is
     *                 how a workspace is cleaned, so the workspace root itself is not protected from it
     */
    String judge(String meaning, List<String> directories, boolean filtered) {
        if (meaning.startsWith("~")) {
            return null; // quoted, so a relative name; ~user forms are judged by their spelling
        }
        List<String> absolute = directories.stream().map(d -> Meanings.join(d, meaning)).distinct().toList();
        for (String path : absolute) {
            String danger = judgeAbsolute(path, filtered);
            if (danger != null) {
                return danger;
            }
        }
        return null;
    }

    private String judgeAbsolute(String path, boolean filtered) {
        List<String> segs = new ArrayList<>();
        boolean unknownBase = false;
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.contains(Meanings.UNKNOWN_TEXT)) {
                segs.clear();
                unknownBase = true;
            } else if (s.equals("..")) {
                if (!segs.isEmpty()) {
                    segs.removeLast();
                } else if (unknownBase) {
                    segs.clear();
                }
            } else {
                segs.add(s);
            }
        }
        return unknownBase ? judgeUnknownBase(segs, filtered) : judgeKnown(segs, filtered);
    }

    private String judgeKnown(List<String> segs, boolean filtered) {
        String shown = "/" + String.join("/", segs);
        if (segs.isEmpty()) {
            return "the root filesystem";
        }
        if (segs.size() == 1 && TargetPaths.globOnly(segs.getFirst())) {
            return "everything under /";
        }
        for (Protected p : protectedPaths) {
            if (filtered && p.workspace()) {
                continue;
            }
            int n = segs.size();
            if (n <= p.segments().size() && matches(segs, p.segments().subList(0, n))) {
                return n == p.segments().size() ? p.description()
                        : "the directory " + shown + ", which holds " + p.description();
            }
            if (n == p.segments().size() + 1 && TargetPaths.globOnly(segs.getLast())
                    && matches(segs.subList(0, n - 1), p.segments())) {
                return "everything in " + p.description();
            }
        }
        return null;
    }

    private String judgeUnknownBase(List<String> segs, boolean filtered) {
        String couldBe = "which could be your home directory, the workspace root, / or a system directory";
        if (segs.isEmpty()) {
            return "a path known only at run time, " + couldBe;
        }
        if (TargetPaths.globOnly(segs.getLast())) {
            return "everything in a directory known only at run time, " + couldBe;
        }
        for (Protected p : protectedPaths) {
            if (filtered && p.workspace()) {
                continue;
            }
            List<String> target = p.segments();
            for (int end = segs.size(); end <= target.size(); end++) {
                if (matches(segs, target.subList(end - segs.size(), end))) {
                    String what = end == target.size() ? p.description() : "a directory holding " + p.description();
                    return "a path known only at run time that could be " + what;
                }
            }
        }
        return null;
    }

    private static boolean matches(List<String> patterns, List<String> names) {
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            boolean ok = TargetPaths.hasGlob(pattern) ? Glob.unquoted(pattern).matches(names.get(i)) : pattern.equals(names.get(i));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<String> segments(String absolute) {
        List<String> out = new ArrayList<>();
        for (String s : absolute.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
