package dev.agentstream.mcp;

import dev.agentstream.core.StartupTrace;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Runs the class initialisation of what {@code mcp --http} builds after its tools — Jetty's server, connector and
 * servlet context, the metrics registry — on a second core while the main thread still reads the command line and
 * registers the tools. The AOT cache keeps these classes loaded but not initialised, so their static set-up runs in
 * the interpreter on every start. The objects made here are never started (no thread, no socket) and are dropped;
 * if any of it fails, the server simply does the same work itself.
 */
public final class HttpWarmUp {

    private HttpWarmUp() {}

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void startInBackground() {
        Thread.ofPlatform().daemon().name("mcp-http-warm-up").start(() -> run());
    }

    /** The warm-up itself; returns whether it got through (tests call it on their own thread). */
    static boolean run() {
        McpWarmUp.awaitLogging(); // Jetty's classes log as they start up
        try {
            // Before any Jetty class asks for it: the hint keeps Jetty from starting the platform MBean server.
            JettyMemoryHint.apply();
            Server jetty = new Server(new QueuedThreadPool());
            jetty.addConnector(new ServerConnector(jetty));
            jetty.setHandler(new ServletContextHandler("/"));
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).close();
            StartupTrace.mark("http warm-up done");
            return true;
        } catch (RuntimeException | LinkageError e) {
            // Nothing depends on it: the server's own construction pays for what was not readied here.
            return false;
        }
    }
}
