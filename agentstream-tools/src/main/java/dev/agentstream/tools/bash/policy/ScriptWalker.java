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
    private final Deque<ForkingFunction> functions = new ArrayDeque<>();
    /** Words the grammar hangs on a redirection although bash passes them to the command (`ls >x /`). */
    private final Map<SyntaxNode, Stray> strayArguments = new IdentityHashMap<>();

    private record Stray(List<Word> words, int endByte) {
    }

    ScriptWalker(ParsedScript script, Analysis out, Consumer<SimpleCommand> commands) {
        this.script = script;
        this.words = new WordResolver(script);
        this.out = out;
        this.commands = commands;
    }

    void walk() {
        visit(script.root(), false, 0);
    }

    private void visit(SyntaxNode node, boolean forking, int depth) {
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
            visit(children.get(i), forkingChildren || background, depth + 1);
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
        int end = node.endByte();
        Stray stray = strayArguments.get(node);
        if (stray != null) {
            all.addAll(stray.words());
            end = Math.max(end, stray.endByte());
        }
        if (all.isEmpty()) {
            return;
        }
        SimpleCommand command = SimpleCommand.of(script.text(node.startByte(), end), all);
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
