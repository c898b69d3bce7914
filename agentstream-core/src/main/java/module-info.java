/**
 * The tool contract and runtime: calls, events, results, specs, streams, the registry, {@code ToolRuntime}
 * with its sessions and cancellation, and the model view of output. Every package here is API.
 */
module dev.agentstream.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.agentstream.core;
    exports dev.agentstream.core.view;
}
