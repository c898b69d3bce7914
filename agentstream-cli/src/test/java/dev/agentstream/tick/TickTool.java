package dev.agentstream.tick;

import dev.agentstream.core.CallLane;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolHints;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tool that is not in the standard catalogue: it prints {@code tick N} lines a few milliseconds apart. It
 * lives in a package of its own and joins the catalogue with one entry; the front-door contract then shows
 * it offered, run, streamed and summarized by every front door with no other edit.
 */
public final class TickTool implements Tool {

    public static final String NAME = "tick";
    public static final String TITLE = "Ticker";

    private static final ToolSpec SPEC = ToolSpec.fromJson(NAME, "Prints 'tick N' lines, count of them, ms milliseconds apart.", """
                    {"type":"object","properties":{
                      "count":{"type":"integer","minimum":1,"maximum":1000,"description":"How many ticks."},
                      "ms":{"type":"integer","minimum":0,"maximum":10000,"description":"Milliseconds between ticks."}
                    },"required":["count"]}""", Optional.empty())
            .withLane(CallLane.always("ticker"))
            .withSummary(input -> input.path("count").asInt() + " ticks, " + input.path("ms").asInt(0) + " ms apart")
            .withPresentation(TITLE, ToolHints.readOnly(false));

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolStream execute(ToolCall call, ToolContext context) {
        return ToolStreams.start(call, context, scope -> {
            int count = call.input().path("count").asInt(0);
            long ms = call.input().path("ms").asLong(0);
            if (count < 1 || count > 1000) throw new ToolInputException("count must be between 1 and 1000; pass e.g. {\"count\": 3}.");
            CountDownLatch stop = new CountDownLatch(1);
            scope.onCancel(stop::countDown);
            int ticks = 0;
            while (ticks < count && !scope.isCancelled()) {
                ticks++;
                scope.output("stdout", "tick " + ticks + "\n");
                scope.progress("tick " + ticks, OptionalDouble.of(ticks / (double) count), Map.of("lines", (long) ticks));
                if (ticks < count && stop.await(ms, TimeUnit.MILLISECONDS)) break;
            }
            return ToolResult.text("ticked " + ticks + " times");
        });
    }
}
