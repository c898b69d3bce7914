package dev.agentstream.tools.bash.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks a syntax tree and reports every simple command, output redirection and self-forking function, wherever
 * it sits: lists, pipelines, groups, substitutions, loop and branch bodies, function bodies, assignments.
 */
final class ScriptWalker {

    private static final Set<String> WRITING_REDIRECTS = Set.of(">", ">>", "&>", "&>>", ">|", ">&", "<>");
    private static final Set<String> FORKING_NODES =
            Set.of("pipeline", "subshell", "command_substitution", "process_substitution");
    private static final Set<String> STATEMENT_CHAINS = Set.of("list", "pipeline", "negated_command");
    /** Variables whose value the shell runs or reads as code: prompts, the tool's own prompt hook, start-up files. */
    private static final Set<String> HOOK_VARIABLES =
            Set.of("PROMPT_COMMAND", "PS0", "PS1", "PS2", "PS4", "BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS");
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?[0-9]+");

    private final ParsedScript script;
    private final WordResolver words;
    private final Analysis out;
    private final Consumer<SimpleCommand> commands;
    private final Meanings meanings;
    private final ScriptFacts facts;
    private final Deque<ForkingFunction> functions = new ArrayDeque<>();
    /** Words the grammar hangs on a redirection although bash passes them to the command (`ls >x /`). */
    private final Map<SyntaxNode, Stray> strayArguments = new IdentityHashMap<>();
    /** Variables read as arithmetic, whose values bash evaluates again (array subscripts run substitutions). */
    private final Map<String, String> arithmeticReads = new java.util.LinkedHashMap<>();
    private final Set<String> integerAssigned = new java.util.HashSet<>();
    private final Set<String> otherAssigned = new java.util.HashSet<>();
    private final Set<String> loopCounters = new java.util.HashSet<>();

    private record Stray(List<Word> words, int endByte) {
    }

    ScriptWalker(ParsedScript script, Analysis out, Meanings meanings, ScriptFacts facts,
                 Consumer<SimpleCommand> commands) {
        this.script = script;
        this.words = new WordResolver(script);
        this.out = out;
        this.commands = commands;
        this.meanings = meanings;
        this.facts = facts;
    }

    void walk() {
        visit(script.root(), null, false, 0);
        arithmeticReads.forEach((name, where) -> {
            boolean known = integerAssigned.contains(name) && !otherAssigned.contains(name);
            if (!known && !loopCounters.contains(name)) {
                out.unseen.add(new Problem(where, "`" + where + "` evaluates `" + name + "` as arithmetic, whose value "
                        + "is not a number written in this command and could run commands (`a[$(cmd)]`); refused by "
                        + "the configured policy (allow-list mode). Assign it a literal number in the same command."));
            }
        });
    }

    private void visit(SyntaxNode node, SyntaxNode parent, boolean forking, int depth) {
        if (depth > SyntaxTreeReader.MAX_DEPTH) {
            out.problems.add(new Problem(script.text(node), "The command nests more than "
                    + SyntaxTreeReader.MAX_DEPTH + " levels deep and cannot be checked safely; refused. "
                    + "Split it into simpler commands."));
            return;
        }
        switch (node.type()) {
            case "command" -> command(node, forking);
            case "file_redirect" -> redirect(node);
            case "redirected_statement" -> collectStrayArguments(node);
            case "variable_assignment" -> assignment(node, parent);
            case "for_statement" -> loop(node);
            case "unset_command", "declaration_command" -> declaration(node);
            case "arithmetic_expansion", "c_style_for_statement" -> arithmetic(node, script.text(node),
                    node.is("c_style_for_statement"));
            case "expansion" -> promptExpansion(node);
            case "list" -> andList(node);
            default -> { }
        }
        boolean function = node.is("function_definition");
        if (function) {
            enterFunction(node);
        }
        boolean forkingChildren = forking || FORKING_NODES.contains(node.type());
        List<SyntaxNode> children = node.children();
        for (int i = 0; i < children.size(); i++) {
            boolean background = i + 1 < children.size() && children.get(i + 1).is("&");
            visit(children.get(i), node, forkingChildren || background, depth + 1);
        }
        if (function) {
            functions.pop();
            out.functionStack.pop();
        }
    }

    private void enterFunction(SyntaxNode node) {
        SyntaxNode name = node.child("name");
        String functionName = name == null ? "" : script.text(name);
        out.definedFunctions.add(functionName);
        out.functionStack.push(functionName);
        functions.push(new ForkingFunction(script.text(node), functionName));
    }

    /** {@code ${x@P}} expands x as a prompt, which runs the command substitutions in its value. */
    private void promptExpansion(SyntaxNode node) {
        String text = script.text(node);
        if (text.endsWith("@P}")) {
            out.problems.add(new Problem(text, "`" + text + "` expands a value as a prompt, which runs the commands "
                    + "written in it, so what runs cannot be checked; refused. Use the value without @P."));
        }
    }

    private void command(SyntaxNode node, boolean forking) {
        SyntaxNode nameNode = node.child("name");
        if (nameNode == null || nameNode.namedChildren().isEmpty()) {
            return;
        }
        SyntaxNode nameWord = nameNode.namedChildren().getFirst();
        if (nameWord.is("arithmetic_expansion")) {
            return; // (( ... )) evaluates arithmetic; substitutions inside are visited as children
        }
        List<Word> all = commandWords(node, nameWord);
        int end = node.endByte();
        Stray stray = strayArguments.get(node);
        if (stray != null) {
            all.addAll(stray.words());
            end = Math.max(end, stray.endByte());
        }
        if (all.isEmpty()) {
            return;
        }
        SimpleCommand command = SimpleCommand.of(script.text(node.startByte(), end), all,
                new SimpleCommand.Origin(meanings, node.startByte(), false, false));
        if (forking && command.program() != null) {
            for (ForkingFunction f : functions) {
                if (f.name().equals(command.program())) {
                    out.forkingFunctions.add(f);
                    break;
                }
            }
        }
        commands.accept(command);
    }

    private List<Word> commandWords(SyntaxNode node, SyntaxNode nameWord) {
        List<SyntaxNode> parts = new ArrayList<>();
        parts.add(nameWord);
        for (SyntaxNode child : node.children()) {
            if ("argument".equals(child.field())) {
                parts.add(child);
            }
        }
        List<Word> all = new ArrayList<>();
        for (List<SyntaxNode> word : joinContinuations(parts)) {
            all.addAll(words.resolve(word));
        }
        return all;
    }

    /** {@code cd DIR && rest}: the rest runs only in DIR. */
    private void andList(SyntaxNode node) {
        boolean and = node.children().stream().anyMatch(c -> !c.named() && c.is("&&"));
        List<SyntaxNode> operands = node.namedChildren();
        if (!and || operands.size() != 2) {
            return;
        }
        Word target = lastDirectoryChange(operands.getFirst());
        if (target != null) {
            facts.directoryCertain(target, operands.getLast().startByte(), operands.getLast().endByte());
        }
    }

    private Word lastDirectoryChange(SyntaxNode node) {
        if (node.is("command")) {
            SyntaxNode name = node.child("name");
            if (name == null || name.namedChildren().isEmpty()) {
                return null;
            }
            List<Word> all = commandWords(node, name.namedChildren().getFirst());
            boolean cd = !all.isEmpty() && all.getFirst().exact()
                    && (all.getFirst().text().equals("cd") || all.getFirst().text().equals("pushd"));
            return cd ? ScriptFacts.directoryOf(all.subList(1, all.size())) : null;
        }
        boolean and = node.is("list") && node.children().stream().anyMatch(c -> !c.named() && c.is("&&"));
        if (!and || node.namedChildren().size() != 2) {
            return null;
        }
        Word right = lastDirectoryChange(node.namedChildren().getLast());
        return right != null ? right : lastDirectoryChange(node.namedChildren().getFirst());
    }

    /** {@code X=value}, on its own or in export/local/declare; a prefix of a command only sets its environment. */
    private void assignment(SyntaxNode node, SyntaxNode parent) {
        SyntaxNode name = node.child("name");
        if (name == null) {
            return;
        }
        String variable = script.text(name);
        SyntaxNode value = node.child("value");
        if (HOOK_VARIABLES.contains(variable)) {
            out.problems.add(new Problem(script.text(node), "`" + script.text(node) + "` sets " + variable
                    + ", which the shell runs or reads as code later (prompts, traces, start-up files) and which the "
                    + "bash tool relies on; refused. Do not set " + variable + "."));
            return;
        }
        List<Word> valueWords = value == null ? List.of() : words.resolve(value);
        for (Word w : valueWords) {
            if (w.text().contains("$(") || w.text().contains("`")) {
                if (!w.literal() && w.expansion().cardinality() == w.text().length()) {
                    continue; // a real substitution, visited as a command of its own
                }
                out.quotedCode.add(w.text());
            }
        }
        boolean integer = valueWords.size() == 1 && valueWords.getFirst().exact()
                && INTEGER.matcher(valueWords.getFirst().text()).matches();
        (integer ? integerAssigned : otherAssigned).add(variable);
        if (parent == null || parent.is("command")) {
            return;
        }
        boolean appends = node.children().stream().anyMatch(c -> !c.named() && c.is("+="));
        if (appends || (value != null && value.is("array"))) {
            facts.unknown(variable);
            return;
        }
        List<Word> resolved = valueWords;
        boolean certain = parent.is("program") || (parent.is("declaration_command") && topLevel(parent));
        facts.assign(variable, resolved.isEmpty() ? Word.of("") : resolved.getFirst(), node.startByte(), certain);
    }

    private boolean topLevel(SyntaxNode node) {
        for (SyntaxNode statement : script.root().children()) {
            if (statement == node) {
                return true;
            }
        }
        return false;
    }

    private void loop(SyntaxNode node) {
        SyntaxNode variable = node.child("variable");
        SyntaxNode body = node.child("body");
        if (variable == null) {
            return;
        }
        List<Word> values = new ArrayList<>();
        for (SyntaxNode child : node.children()) {
            if ("value".equals(child.field())) {
                values.addAll(words.resolve(child));
            }
        }
        boolean hasList = node.children().stream().anyMatch(c -> !c.named() && c.is("in"));
        if (!hasList || body == null) {
            facts.unknown(script.text(variable));
        } else {
            facts.loop(script.text(variable), values, body.startByte(), body.endByte());
        }
    }

    /** {@code unset X}, {@code local X}, {@code declare -n ref=X}: values the policy does not follow. */
    private void declaration(SyntaxNode node) {
        String keyword = node.children().isEmpty() ? "" : node.children().getFirst().type();
        for (SyntaxNode child : node.children()) {
            String flags = child.is("word") ? script.text(child) : "";
            if (flags.startsWith("-") && flags.contains("f")
                    && (keyword.equals("export") || flags.contains("x"))) {
                out.unseen.add(new Problem(script.text(node), "`" + script.text(node) + "` exports a function, which "
                        + "later shells run under a command's name; refused by the configured policy (allow-list "
                        + "mode). Call the function in the same command instead."));
            }
            if (child.is("variable_name")) {
                facts.unknown(script.text(child));
            } else if (child.is("word") && script.text(child).startsWith("-") && script.text(child).contains("n")) {
                facts.valuesUnreliable();
            }
        }
    }

    private void arithmetic(SyntaxNode node, String where, boolean loop) {
        if (node.is("variable_name")) {
            facts.unknown(script.text(node));
            if (where != null) {
                if (loop) {
                    loopCounters.add(script.text(node));
                }
                arithmeticReads.putIfAbsent(script.text(node), where);
            }
        }
        for (SyntaxNode child : node.children()) {
            // A loop body is a script of its own, not arithmetic; its variables are only forgotten.
            boolean body = child.is("do_group") || child.is("compound_statement");
            arithmetic(child, body ? null : where, loop);
        }
    }

    private void redirect(SyntaxNode node) {
        String operator = null;
        for (SyntaxNode child : node.children()) {
            if (!child.named() && operator == null) {
                operator = child.type();
            }
        }
        List<List<SyntaxNode>> destinations = destinations(node);
        if (operator == null || destinations.isEmpty() || !WRITING_REDIRECTS.contains(operator)
                || destinations.getFirst().getFirst().is("number")) {
            return;
        }
        List<SyntaxNode> target = destinations.getFirst();
        String source = script.text(node.startByte(), target.getLast().endByte());
        for (Word word : words.resolve(target)) {
            out.redirections.add(new Redirection(source, word));
        }
    }

    /** The destination words of a redirection; the first is the target, any others are stray arguments. */
    private List<List<SyntaxNode>> destinations(SyntaxNode redirect) {
        List<SyntaxNode> parts = new ArrayList<>();
        for (SyntaxNode child : redirect.children()) {
            if ("destination".equals(child.field())) {
                parts.add(child);
            }
        }
        return joinContinuations(parts);
    }

    /**
     * Groups nodes into the words bash sees. tree-sitter-bash ends a word at a backslash-newline, but bash drops
     * the pair and carries on with the same word, so {@code r\<newline>m} is {@code rm}.
     */
    private List<List<SyntaxNode>> joinContinuations(List<SyntaxNode> parts) {
        List<List<SyntaxNode>> out = new ArrayList<>();
        for (SyntaxNode part : parts) {
            if (!out.isEmpty() && onlyContinuations(out.getLast().getLast().endByte(), part.startByte())) {
                out.getLast().add(part);
            } else {
                List<SyntaxNode> word = new ArrayList<>();
                word.add(part);
                out.add(word);
            }
        }
        return out;
    }

    private boolean onlyContinuations(int from, int to) {
        String gap = script.text(from, to);
        if (gap.isEmpty()) {
            return from == to; // parts with nothing between them are one word to bash ($"x" read as $ and "x")
        }
        int i = 0;
        while (i < gap.length()) {
            if (gap.startsWith("\\\n", i)) {
                i += 2;
            } else if (gap.startsWith("\\\r\n", i)) {
                i += 3;
            } else {
                return false;
            }
        }
        return true;
    }

    /** Gives the words after a redirection's target back to the command they belong to. */
    private void collectStrayArguments(SyntaxNode statement) {
        List<Word> stray = new ArrayList<>();
        int end = 0;
        for (SyntaxNode redirect : statement.children()) {
            if (!redirect.is("file_redirect")) {
                continue;
            }
            List<List<SyntaxNode>> destinations = destinations(redirect);
            for (List<SyntaxNode> word : destinations.subList(Math.min(1, destinations.size()), destinations.size())) {
                stray.addAll(words.resolve(word));
                end = word.getLast().endByte();
            }
        }
        if (stray.isEmpty()) {
            return;
        }
        SyntaxNode target = lastCommand(statement.child("body"));
        if (target == null) {
            out.problems.add(new Problem(script.text(statement), "Words follow a redirection after a compound "
                    + "command, which bash rejects; refused because the command cannot be checked safely. "
                    + "Put arguments before the redirection."));
            return;
        }
        strayArguments.merge(target, new Stray(stray, end), (a, b) -> {
            List<Word> merged = new ArrayList<>(a.words());
            merged.addAll(b.words());
            return new Stray(merged, Math.max(a.endByte(), b.endByte()));
        });
    }

    private static SyntaxNode lastCommand(SyntaxNode node) {
        SyntaxNode current = node;
        while (current != null) {
            if (current.is("command")) {
                return current;
            } else if (current.is("redirected_statement")) {
                current = current.child("body");
            } else if (STATEMENT_CHAINS.contains(current.type()) && !current.namedChildren().isEmpty()) {
                current = current.namedChildren().getLast();
            } else {
                return null;
            }
        }
        return null;
    }
}
