/**
 * Internal: how the loop runs the tool calls a reply asks for (starting them while the reply streams, calls
 * replayed after a broken stream, screenshots saved to files). Public only because the loop in
 * {@code dev.agentstream.agent} uses it; not part of the library's API, and it changes without notice.
 */
package dev.agentstream.agent.tools;
