package dev.agentstream.mcp;

import dev.agentstream.core.CallThreads;
import java.util.concurrent.Executors;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where {@code tools/call} requests run: a platform thread per call ({@link CallThreads} says why). A call's
 * thread reads its events and writes them to the client (JSON encoding, the SSE write), CPU work for as long
 * as a command prints; on virtual threads a few such calls kept both carriers and the others waited.
 */
final class CallScheduler {

    private CallScheduler() {}

    static Scheduler create() {
        return Schedulers.fromExecutorService(Executors.newThreadPerTaskExecutor(CallThreads.factory("agentstream-mcp-call-")),
                "agentstream-mcp-calls");
    }
}
