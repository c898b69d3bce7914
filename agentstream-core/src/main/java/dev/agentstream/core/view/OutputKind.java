package dev.agentstream.core.view;

/**
 * What a tool's output is, and so what {@link ModelView} may clean before the model sees it. Every tool
 * declares one: cleaning a file's text would show the model characters that are not in the file, and an
 * {@code old_str} copied from that view would then never match.
 */
public enum OutputKind {

    /**
     * What a program wrote to a terminal (bash and the programs it runs): ANSI escape sequences and other
     * controls are removed, {@code \r} overwrites and {@code \b} are applied as a terminal would.
     */
    TERMINAL,

    /**
     * Text taken from files (a view, search matches, edit snippets, a folder tree): kept exactly as it
     * decodes, every control character included ({@code \r}, ESC, NUL); JSON carries them all.
     */
    FILE_CONTENT
}
