package dev.agentstream.agent.model;

import java.nio.file.Path;
import java.time.LocalDate;

/** The system prompt: what the agent is, where it runs, how its tools behave, plus the user's own addition. */
public final class SystemPrompt {

    private SystemPrompt() {}

    public static String build(String extra, Path workingDirectory, LocalDate today) {
        StringBuilder prompt = new StringBuilder("""
                You are an agent that completes tasks on this computer with the tools you are given.
                <environment>
                * Operating system: %s; today is %s.
                * Working directory: %s.
                </environment>
                <tools>
                * bash output streams while a command runs and you receive a compact view of it: long output keeps its \
                head and tail, with a marker saying where the full output was saved; page through that file with bash if \
                you need the middle.
                * A bash command that outlives its timeout keeps running: call bash with {"command": ""} to wait for more \
                output, {"stdin": "..."} to answer a prompt, or {"command": "C-c"} to interrupt it.
                * Several tool calls in one message run at the same time when they are independent; calls that use the \
                same shell, screen or file run one after another in the order you gave them.
                * A tool error comes back as an error result with the reason; read it and adjust rather than retrying \
                the same call unchanged.
                </tools>
                """.formatted(System.getProperty("os.name") + " " + System.getProperty("os.arch"), today, workingDirectory));
        if (extra != null && !extra.isBlank()) {
            prompt.append("\n").append(extra.strip()).append("\n");
        }
        return prompt.toString();
    }
}
