package dev.agentstream.tools.bash.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one script does to its variables and current directory, gathered while it is walked, so that
 * {@code X=~; rm -rf "$X"} and {@code cd ~ && rm -rf *} are judged by what they delete. Order inside loops,
 * functions and branches is unknown, so every value a variable is given anywhere counts, and so does every
 * directory {@code cd} could enter.
 */
final class ScriptFacts {

    private record Assignment(Word value, int offset) {
    }

    private record Range(int start, int end) {
        boolean contains(int offset) {
            return offset >= start && offset < end;
        }
    }

    private record Certain(Word target, Range range) {
    }

    private final Map<String, List<Assignment>> assignments = new HashMap<>();
    private final List<Certain> certainDirectories = new ArrayList<>();
    /** Where a variable is first set by a statement of the script's top level, which always runs. */
    private final Map<String, Integer> firstCertainAssignment = new HashMap<>();
    private final Map<String, List<Range>> loopBodies = new HashMap<>();
    /** Variables given values the policy cannot know: read, arithmetic, unset, name references... */
    private final Set<String> unknownValues = new HashSet<>();
    private final List<Word> directories = new ArrayList<>();
    private boolean unknownDirectory;
    /** IFS changed, a name reference made, a file sourced: no variable's value can be trusted. */
    private boolean valuesUnreliable;

    void assign(String name, Word value, int offset, boolean certain) {
        assignments.computeIfAbsent(name, k -> new ArrayList<>()).add(new Assignment(value, offset));
        if (certain) {
            firstCertainAssignment.merge(name, offset, Math::min);
        }
        if (name.equals("IFS")) {
            valuesUnreliable = true;
        }
    }

    void loop(String name, List<Word> values, int bodyStart, int bodyEnd) {
        for (Word value : values) {
            assign(name, value, bodyStart, false);
        }
        loopBodies.computeIfAbsent(name, k -> new ArrayList<>()).add(new Range(bodyStart, bodyEnd));
    }

    void unknown(String name) {
        unknownValues.add(name);
        if (name.equals("IFS")) {
            valuesUnreliable = true;
        }
    }

    /** {@code cd DIR}, {@code pushd DIR}; null for a directory the policy cannot know ({@code cd -}, {@code popd}). */
    void changeDirectory(Word target) {
        if (target == null) {
            unknownDirectory = true;
        } else {
            directories.add(target);
        }
    }

    /** Where {@code cd ARGS} goes: its operand, {@code ~} without one, null for {@code cd -}. */
    static Word directoryOf(List<Word> args) {
        for (Word a : args) {
            String t = a.text();
            if (t.equals("-")) {
                return null;
            }
            if (!t.startsWith("-")) {
                return a;
            }
        }
        return Word.of("~");
    }

    /** Commands in {@code start..end} run only after {@code cd target} succeeded ({@code cd x && ...}). */
    void directoryCertain(Word target, int start, int end) {
        certainDirectories.add(new Certain(target, new Range(start, end)));
    }

    /** The directory a command at {@code offset} is surely in, when the script's only cd decides it; else null. */
    Word certainDirectory(int offset) {
        if (directories.size() != 1 || unknownDirectory) {
            return null;
        }
        for (Certain c : certainDirectories) {
            if (c.range().contains(offset) && c.target().equals(directories.getFirst())) {
                return c.target();
            }
        }
        return null;
    }

    /** Everything assigned to {@code name} anywhere in the script. */
    List<Word> values(String name) {
        return assignments.getOrDefault(name, List.of()).stream().map(Assignment::value).toList();
    }

    boolean assigned(String name) {
        return assignments.containsKey(name) || unknownValues.contains(name);
    }

    /** Whether a use at {@code offset} may still see the value the variable had before the script. */
    boolean mayBeInherited(String name, int offset) {
        if (unknownValues.contains(name)) {
            return true;
        }
        Integer certain = firstCertainAssignment.get(name);
        if (certain != null && certain < offset) {
            return false;
        }
        return loopBodies.getOrDefault(name, List.of()).stream().noneMatch(r -> r.contains(offset));
    }

    void valuesUnreliable() {
        valuesUnreliable = true;
    }

    boolean unreliable() {
        return valuesUnreliable;
    }

    /** What a command does to variables and the current directory. */
    void observe(SimpleCommand command) {
        String program = command.program();
        if (program == null) {
            return;
        }
        List<Word> args = command.args();
        switch (program) {
            case "cd", "pushd" -> changeDirectory(directoryOf(args));
            case "popd" -> changeDirectory(null);
            case "read", "mapfile", "readarray", "getopts", "let", "printf", "wait" -> {
                for (Word a : args) {
                    if (a.text().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        unknown(a.text());
                    }
                }
            }
            case "source", ".", "eval" -> {
                // The file or string may set anything and change directory; its own commands are checked apart.
                valuesUnreliable = true;
                changeDirectory(null);
            }
            default -> {
            }
        }
    }

    List<Word> directories() {
        return directories;
    }

    boolean unknownDirectory() {
        return unknownDirectory;
    }
}
