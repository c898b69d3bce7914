package dev.agentstream.agent.session;

import dev.agentstream.agent.TokenUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** One saved session, as {@code agentstream sessions} lists it. */
public record SessionSummary(String id, Instant created, Instant updated, String model, String title, int turns,
                             Optional<String> lastOutcome, TokenUsage usage, Path file) {}
