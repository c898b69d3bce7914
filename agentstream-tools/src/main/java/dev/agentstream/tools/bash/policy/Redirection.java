package dev.agentstream.tools.bash.policy;

/**
 * An output redirection ({@code >}, {@code >>}, {@code &>}, {@code >|}, {@code >&} to a file).
 *
 * @param source the redirection's source text, e.g. {@code > /dev/sda}
 * @param target the file written
 */
record Redirection(String source, Word target) {
}
