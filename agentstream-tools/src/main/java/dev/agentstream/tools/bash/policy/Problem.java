package dev.agentstream.tools.bash.policy;

/** Something that stops the input from being checked at all; it is always refused. */
record Problem(String part, String reason) {
}
