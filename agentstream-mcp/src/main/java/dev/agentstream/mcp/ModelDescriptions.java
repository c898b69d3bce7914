package dev.agentstream.mcp;

import dev.agentstream.core.ToolSpec;

/**
 * Tool descriptions for a model that meets the tools through MCP. Over the Anthropic API the built-in tools
 * (bash, the text editor, computer use) are declared by type and the model already knows how to use them;
 * an MCP client only passes on the description, so for those the description spells out what the model
 * would otherwise know, plus what agentstream adds (streaming, timeouts that leave the command running).
 */
final class ModelDescriptions {

    private static final String BASH = """
             Each call runs one command in the same shell: the working directory, variables and functions \
            persist between calls (one shell per MCP session). Output streams as progress while the command \
            runs; the result holds the output and its exit code as "[exit code N]". Long output keeps its \
            head and tail and says where the full output file is, which you can read with other commands. \
            A command still running after "timeout" seconds (default 120, at most 600) keeps running: call \
            again with {"command": ""} to wait for more output, {"stdin": "yes\\n"} to answer a prompt, \
            {"command": "C-c"} to interrupt it, or {"restart": true} for a fresh shell. Avoid interactive \
            programs (editors, pagers); pass flags such as --yes or --no-pager instead.""";

    private static final String TEXT_EDITOR = """
             Commands: "view" shows a file with line numbers (view_range [start, end] for part of it, end -1 \
            for the rest), a directory two levels deep, or an image; "create" writes a new file with \
            file_text; "str_replace" replaces old_str, which must occur exactly once (include enough \
            surrounding lines to make it unique), with new_str; "insert" puts insert_text after line \
            insert_line (0 for the top); "undo_edit" reverts the last edit of the file. Keep indentation \
            exactly as it is in the file.""";

    private static final String COMPUTER = """
             Actions on the screen: take a screenshot first to see it, then click, type, press keys, scroll, \
            wait or zoom; coordinates are pixels of the screenshot as you received it.""";

    private ModelDescriptions() {}

    static String of(ToolSpec spec) {
        String type = spec.anthropicType().orElse("");
        String extra = type.startsWith("bash_") ? BASH
                : type.startsWith("text_editor_") ? TEXT_EDITOR
                : type.startsWith("computer_") ? COMPUTER
                : "";
        return spec.description() + extra;
    }
}
