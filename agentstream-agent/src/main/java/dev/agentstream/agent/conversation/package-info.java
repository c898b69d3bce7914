/**
 * Internal: the conversation the loop keeps with the model (alternation, tool results, screenshot pruning,
 * clearing old results near the context window). Public only because the loop in {@code dev.agentstream.agent}
 * uses it; not part of the library's API, and it changes without notice.
 */
package dev.agentstream.agent.conversation;
