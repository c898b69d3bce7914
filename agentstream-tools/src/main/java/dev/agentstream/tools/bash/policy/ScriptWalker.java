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

    private final ParsedScript script;
    private final WordResolver words;
    private final Analysis out;
    private final Consumer<SimpleCommand> commands;
    private final Meanings meanings;
    private final ScriptFacts facts;
    private final Deque<ForkingFunction> functions = new ArrayDeque<>();
    /** Words the grammar hangs on a redirection although bash passes them to the command (`ls >x /`). */
    private final Map<SyntaxNode, Stray> strayArguments = new IdentityHashMap<>();

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
            case "arithmetic_expansion", "c_style_for_statement" -> arithmetic(node);
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
        }
    }

    private void enterFunction(SyntaxNode node) {
        SyntaxNode name = node.child("name");
        String functionName = name == null ? "" : script.text(name);
        out.definedFunctions.add(functionName);
        functions.push(new ForkingFunction(script.text(node), functionName));
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
        if (name == null || parent == null || parent.is("command")) {
            return;
        }
        String variable = script.text(name);
        SyntaxNode value = node.child("value");
        boolean appends = node.children().stream().anyMatch(c -> !c.named() && c.is("+="));
        if (appends || (value != null && value.is("array"))) {
            facts.unknown(variable);
            return;
        }
        List<Word> resolved = value == null ? List.of() : words.resolve(value);
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
        for (SyntaxNode child : node.children()) {
            if (child.is("variable_name")) {
                facts.unknown(script.text(child));
            } else if (child.is("word") && script.text(child).startsWith("-") && script.text(child).contains("n")) {
                facts.valuesUnreliable();
            }
        }
    }

    private void arithmetic(SyntaxNode node) {
        if (node.is("variable_name")) {
            facts.unknown(script.text(node));
        }
        for (SyntaxNode child : node.children()) {
            arithmetic(child);
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
            return false;
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
