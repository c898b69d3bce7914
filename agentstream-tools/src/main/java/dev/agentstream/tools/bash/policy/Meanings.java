package dev.agentstream.tools.bash.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a word can stand for when it runs: {@code ~}, {@code $HOME}, {@code ${HOME%/}}, {@code ${HOME:?}},
 * {@code $PWD}, {@code "$(echo ~)"}, {@code `pwd`} and variables assigned in the same script are replaced by their
 * values. A part whose value cannot be known is written as {@link #UNKNOWN}; a word with several possible values
 * (a variable set in two places, a loop variable) has several meanings.
 */
final class Meanings {

    /** Stands for text only known at run time. NUL cannot occur in a checked command, which refuses NUL bytes. */
    static final char UNKNOWN = '\0';
    static final String UNKNOWN_TEXT = String.valueOf(UNKNOWN);

    private static final int MAX_VARIANTS = 16;
    private static final int MAX_DEPTH = 6;
    private static final int MAX_DIRECTORIES = 32;
    /** A new name that cannot be anything that exists yet, such as a protected directory. */
    private static final String FRESH_TEMP_PATH = "/tmp/.agentstream-fresh-mktemp-name";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:\\?|\\?|:-|-|:=|=|%%|%|##|#)(.*))?}",
            Pattern.DOTALL);

    private final ShellState state;
    private final ScriptFacts facts;
    private final Meanings parent;
    private List<String> directories;
    private boolean computingDirectories;
    private boolean resolvingCertain;

    /** @param parent the script this one is a shell string of ({@code bash -c}, {@code eval}), or null */
    Meanings(ShellState state, ScriptFacts facts, Meanings parent) {
        this.state = state;
        this.facts = facts;
        this.parent = parent;
    }

    ShellState state() {
        return state;
    }

    /** The directories a command at {@code offset} could run in: the one {@code cd x && ...} entered, or all. */
    List<String> directories(int offset) {
        Word certain = facts.certainDirectory(offset);
        if (certain == null || resolvingCertain) {
            return directories();
        }
        resolvingCertain = true;
        Set<String> found = new LinkedHashSet<>();
        for (String meaning : of(certain, offset, 0)) {
            for (String from : startDirectories()) {
                found.add(join(from, meaning));
            }
        }
        resolvingCertain = false;
        return List.copyOf(found);
    }

    /** Every directory the script could be in when a command runs: where it starts and wherever {@code cd} goes. */
    List<String> directories() {
        if (directories != null) {
            return directories;
        }
        if (computingDirectories) {
            return List.of(UNKNOWN_TEXT);
        }
        computingDirectories = true;
        Set<String> found = new LinkedHashSet<>(startDirectories());
        if (facts.unknownDirectory()) {
            found.add(UNKNOWN_TEXT);
        }
        // Two rounds reach `cd a; cd b` whatever order the walk met them in; more would only repeat.
        for (int round = 0; round < 2; round++) {
            for (Word target : facts.directories()) {
                for (String meaning : of(target, Integer.MAX_VALUE, 0)) {
                    for (String from : List.copyOf(found)) {
                        found.add(join(from, meaning));
                    }
                }
            }
        }
        if (found.size() > MAX_DIRECTORIES) {
            found = Set.of(UNKNOWN_TEXT);
        }
        directories = List.copyOf(found);
        computingDirectories = false;
        return directories;
    }

    /** Where the script starts: the enclosing script's directories, else the shell's (unknown if not known). */
    private List<String> startDirectories() {
        return parent != null ? parent.directories()
                : List.of(state.workingDirectory() == null ? UNKNOWN_TEXT : state.workingDirectory().toString());
    }

    /** {@code path} as reached from {@code directory}. */
    static String join(String directory, String path) {
        return path.startsWith("/") || path.startsWith(UNKNOWN_TEXT) ? path : directory + "/" + path;
    }

    /** The meanings of {@code word} used at byte {@code offset} of the script. */
    List<String> of(Word word, int offset) {
        return of(word, offset, 0);
    }

    private List<String> of(Word word, int offset, int depth) {
        if (depth > MAX_DEPTH) {
            return List.of(UNKNOWN_TEXT);
        }
        String t = word.text();
        List<String> variants = List.of("");
        int i = 0;
        if (t.startsWith("~") && !word.quoted().get(0)) {
            int end = t.indexOf('/') < 0 ? t.length() : t.indexOf('/');
            if (word.quoted().nextSetBit(0) < 0 || word.quoted().nextSetBit(0) >= end) {
                variants = tilde(t.substring(1, end), offset);
                i = end;
            }
        }
        while (i < t.length()) {
            int j;
            if (word.expansion().get(i)) {
                j = word.expansion().nextClearBit(i);
                for (String piece : pieces(t.substring(i, Math.min(j, t.length())))) {
                    variants = times(variants, expand(piece, offset, depth));
                }
            } else {
                j = word.expansion().nextSetBit(i);
                if (j < 0) {
                    j = t.length();
                }
                variants = times(variants, List.of(t.substring(i, j)));
            }
            i = j;
        }
        return variants;
    }

    private List<String> tilde(String user, int offset) {
        return switch (user) {
            case "" -> List.of(state.home().toString());
            case "+" -> directories(offset);
            default -> List.of(UNKNOWN_TEXT); // ~- is $OLDPWD; ~name is someone's home directory
        };
    }

    private static List<String> times(List<String> left, List<String> right) {
        if (left.size() * right.size() > MAX_VARIANTS) {
            return left.stream().map(l -> l + UNKNOWN).distinct().toList();
        }
        List<String> out = new ArrayList<>();
        for (String l : left) {
            for (String r : right) {
                out.add(l + r);
            }
        }
        return out;
    }

    /** Splits the source text of adjacent expansions ({@code $A${B}$(c)}) into one expansion each. */
    static List<String> pieces(String run) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < run.length()) {
            int end = Math.max(i + 1, expansionEnd(run, i));
            out.add(run.substring(i, end));
            i = end;
        }
        return out;
    }

    private static int expansionEnd(String s, int from) {
        if (s.charAt(from) == '`') {
            int close = s.indexOf('`', from + 1);
            return close < 0 ? s.length() : close + 1;
        }
        if (s.charAt(from) != '$' || from + 1 >= s.length()) {
            return s.length();
        }
        char next = s.charAt(from + 1);
        if (next == '{' || next == '(' || next == '[') {
            char open = next;
            char close = next == '{' ? '}' : next == '(' ? ')' : ']';
            int depth = 0;
            for (int i = from + 1; i < s.length(); i++) {
                if (s.charAt(i) == open) {
                    depth++;
                } else if (s.charAt(i) == close && --depth == 0) {
                    return i + 1;
                }
            }
            return s.length();
        }
        Matcher name = NAME.matcher(s).region(from + 1, s.length());
        if (name.lookingAt()) {
            return name.end();
        }
        return from + 2; // $1, $@, $$, ...
    }

    private List<String> expand(String piece, int offset, int depth) {
        // An unquoted value with blanks splits into several words; it is not one known path.
        return expandUnsplit(piece, offset, depth).stream()
                .map(v -> v.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n') ? UNKNOWN_TEXT : v)
                .distinct().toList();
    }

    private List<String> expandUnsplit(String piece, int offset, int depth) {
        if (piece.startsWith("$(") && !piece.startsWith("$((") && piece.endsWith(")")) {
            return substitution(piece.substring(2, piece.length() - 1), depth);
        }
        if (piece.startsWith("`") && piece.endsWith("`") && piece.length() > 1) {
            return substitution(piece.substring(1, piece.length() - 1), depth);
        }
        String name = null;
        String operator = null;
        String argument = null;
        if (piece.startsWith("${")) {
            Matcher m = BRACED.matcher(piece);
            if (!m.matches()) {
                return List.of(UNKNOWN_TEXT);
            }
            name = m.group(1);
            operator = m.group(2);
            argument = m.group(3);
        } else if (piece.startsWith("$") && NAME.matcher(piece.substring(1)).matches()) {
            name = piece.substring(1);
        }
        if (name == null) {
            return List.of(UNKNOWN_TEXT);
        }
        List<String> values = variable(name, offset, depth);
        if (operator == null || operator.equals(":?") || operator.equals("?")) {
            return values; // ${X:?} stops the command when X is empty, so it only ever stands for X's value
        }
        if (operator.endsWith("-") || operator.endsWith("=")) {
            boolean maybeEmpty = values.stream().anyMatch(v -> v.isEmpty() || v.contains(UNKNOWN_TEXT));
            if (!maybeEmpty) {
                return values;
            }
            List<String> out = new ArrayList<>(values);
            boolean plain = !argument.contains("$") && !argument.contains("`") && !argument.contains("'")
                    && !argument.contains("\"") && !argument.contains("\\") && !argument.contains("~");
            out.add(plain ? argument : UNKNOWN_TEXT); // the default is what X stands for when unset
            return out;
        }
        if (argument.contains("$") || argument.contains("`") || argument.contains("'") || argument.contains("\"")
                || argument.contains("\\")) {
            return List.of(UNKNOWN_TEXT);
        }
        Glob pattern = Glob.unquoted(argument);
        String op = operator;
        return values.stream().map(v -> v.contains(UNKNOWN_TEXT) ? UNKNOWN_TEXT : strip(v, op, pattern)).toList();
    }

    /** ${X%pattern}, ${X%%pattern}, ${X#pattern}, ${X##pattern}: the shortest or longest match removed. */
    private static String strip(String value, String operator, Glob pattern) {
        boolean suffix = operator.startsWith("%");
        boolean longest = operator.length() == 2;
        int n = value.length();
        for (int k = 0; k <= n; k++) {
            int len = longest ? n - k : k;
            String cut = suffix ? value.substring(n - len) : value.substring(0, len);
            if (pattern.matches(cut)) {
                return suffix ? value.substring(0, n - len) : value.substring(len);
            }
        }
        return value;
    }

    private List<String> variable(String name, int offset, int depth) {
        if (facts.unreliable()) {
            return List.of(UNKNOWN_TEXT); // with IFS changed, an unquoted value may split anywhere
        }
        Set<String> out = new LinkedHashSet<>();
        if (name.equals("HOME") && (!facts.assigned(name) || facts.mayBeInherited(name, offset))) {
            out.add(state.home().toString());
        } else if (name.equals("PWD") && !facts.assigned(name)) {
            out.addAll(directories(offset));
        } else if (!facts.assigned(name) && parent != null) {
            out.addAll(parent.variable(name, Integer.MAX_VALUE, depth + 1)); // eval "$x" and bash -c "$x"
        } else if (!facts.assigned(name) || facts.mayBeInherited(name, offset)) {
            out.add(UNKNOWN_TEXT);
        }
        for (Word value : facts.values(name)) {
            out.addAll(of(value, Integer.MAX_VALUE, depth + 1));
        }
        return List.copyOf(out);
    }

    /** {@code $(echo WORDS)}, {@code $(pwd)} and {@code $(mktemp ...)}; any other command's output is unknown. */
    private List<String> substitution(String inner, int depth) {
        ParsedScript script = BashParser.parse(inner.getBytes(StandardCharsets.UTF_8));
        if (script == null || script.syntaxError() != null) {
            return List.of(UNKNOWN_TEXT);
        }
        List<SyntaxNode> statements = script.root().namedChildren();
        if (statements.size() != 1 || !statements.getFirst().is("command")) {
            return List.of(UNKNOWN_TEXT);
        }
        List<Word> words = new ArrayList<>();
        WordResolver resolver = new WordResolver(script);
        for (SyntaxNode child : statements.getFirst().children()) {
            if ("name".equals(child.field()) && !child.namedChildren().isEmpty()) {
                words.addAll(resolver.resolve(child.namedChildren().getFirst()));
            } else if ("argument".equals(child.field())) {
                words.addAll(resolver.resolve(child));
            } else if (child.named() && !"name".equals(child.field())) {
                return List.of(UNKNOWN_TEXT); // redirections, prefix assignments
            }
        }
        if (words.isEmpty() || !words.getFirst().exact()) {
            return List.of(UNKNOWN_TEXT);
        }
        String program = words.getFirst().text();
        List<Word> args = words.subList(1, words.size());
        return switch (program) {
            case "pwd" -> args.isEmpty() ? directories() : List.of(UNKNOWN_TEXT);
            case "mktemp" -> List.of(FRESH_TEMP_PATH);
            case "echo" -> {
                if (!args.isEmpty() && args.getFirst().text().startsWith("-")) {
                    yield List.of(UNKNOWN_TEXT);
                }
                List<String> joined = List.of("");
                for (int k = 0; k < args.size(); k++) {
                    joined = times(joined, of(args.get(k), Integer.MAX_VALUE, depth + 1));
                    if (k + 1 < args.size()) {
                        joined = times(joined, List.of(" "));
                    }
                }
                yield joined;
            }
            default -> List.of(UNKNOWN_TEXT);
        };
    }
}
