package dev.agentstream.tools.bash.policy;

/**
 * A function whose body starts itself in a new process (pipeline, background job, subshell or substitution):
 * the shape of a fork bomb.
 *
 * @param source the whole function definition
 * @param name   the function's name
 */
record ForkingFunction(String source, String name) {
}
