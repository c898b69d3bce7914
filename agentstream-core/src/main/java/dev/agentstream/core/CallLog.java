package dev.agentstream.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured line per finished call, for operators; never on stdout (the CLI routes logs to stderr or a file). */
final class CallLog {

    private static final Logger log = LoggerFactory.getLogger("agentstream.calls");

    private CallLog() {}

    static void finished(ToolCall call, String outcome, CallScope scope) {
        var view = scope.view();
        log.info("call finished tool={} call={} outcome={} durationMs={} firstOutputMs={} bytes={} lines={} truncated={}",
                call.name(), call.id(), outcome, scope.elapsedMs(), scope.firstOutputMs(),
                view.bytes(), view.lines(), view.truncated());
    }

    /** One line, never a stack trace, on the operator's stream; the trace goes to debug for whoever turns it on. */
    static void failure(ToolCall call, Throwable t) {
        log.warn("call failed tool={} call={} error={}", call.name(), call.id(), t.toString());
        log.debug("call failed tool={} call={}", call.name(), call.id(), t);
    }
}
