/**
 * The tools and their one catalogue, {@code StandardTools}. Each tool's package is API (its tool, config and
 * the types a front door needs); {@code dev.agentstream.tools.fs}, the file-system helpers the tools share,
 * is not exported.
 */
module dev.agentstream.tools {
    requires transitive dev.agentstream.core;
    requires transitive java.desktop;
    requires org.slf4j;
    requires pty4j;
    requires tree.sitter;
    requires org.eclipse.jgit;
    requires com.sun.jna;
    requires pngencoder;

    exports dev.agentstream.tools;
    exports dev.agentstream.tools.bash;
    exports dev.agentstream.tools.bash.policy;
    exports dev.agentstream.tools.bash.sandbox;
    exports dev.agentstream.tools.computer;
    exports dev.agentstream.tools.computer.live;
    exports dev.agentstream.tools.edit;
    exports dev.agentstream.tools.find;
    exports dev.agentstream.tools.tree;
}
