package dev.agentstream.core;

import java.util.concurrent.ThreadFactory;

/**
 * The threads a call's work runs on: platform threads, one per call. Virtual threads are not time-sliced and
 * share one carrier thread per core, which the operating system schedules as just two threads among all the
 * others. With hundreds of calls streaming output at once (each with a shell, a reader and a sender busy on
 * the CPU), a virtual thread that woke up waited seconds, then minutes, for a carrier: new shells missed their
 * start-up deadline and streams paused for a minute (measured with 200 MCP sessions; docs/bench/mcp-load.md).
 * Platform threads get their turn from the operating system like every other busy thread, and one that
 * wakes after waiting is run soon; a few hundred of them cost little next to the shells they serve.
 */
public final class CallThreads {

    private CallThreads() {}

    /** Daemon platform threads named {@code prefix} and a number. */
    public static ThreadFactory factory(String prefix) {
        return Thread.ofPlatform().daemon().name(prefix, 1).factory();
    }

    /** An unstarted daemon platform thread named {@code name} running {@code work}. */
    public static Thread unstarted(String name, Runnable work) {
        return Thread.ofPlatform().daemon().name(name).unstarted(work);
    }

    /** Starts a daemon platform thread named {@code name} running {@code work}. */
    public static Thread start(String name, Runnable work) {
        Thread thread = unstarted(name, work);
        thread.start();
        return thread;
    }
}
