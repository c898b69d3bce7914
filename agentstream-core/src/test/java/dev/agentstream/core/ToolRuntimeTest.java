package dev.agentstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRuntimeTest {

    @TempDir
    Path spool;

    private ToolRuntime runtime;

    /** A tool whose body the test writes; it runs in the lane its input's "lane" field names (none if absent). */
    static final class ScriptedTool implements Tool {
        final String name;
        final ToolBody body;

        ScriptedTool(String name, ToolBody body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public ToolSpec spec() {
            return new ToolSpec(name, "scripted", JsonNodeFactory.instance.objectNode(), Optional.empty())
                    .withLane(input -> input.has("lane") ? Optional.of(input.get("lane").asText()) : Optional.empty())
                    .withSummary(input -> input.path("lane").asText(""));
        }

        @Override
        public ToolStream execute(ToolCall call, ToolContext context) {
            return ToolStreams.start(call, context, body);
        }
    }

    private ToolRuntime runtime(Tool... tools) {
        return runtime(ToolRuntime.DEFAULT_CANCEL_DEADLINE, tools);
    }

    private ToolRuntime runtime(Duration deadline, Tool... tools) {
        ToolRegistry registry = new ToolRegistry();
        for (Tool tool : tools) registry.register(tool);
        runtime = new ToolRuntime(registry, RuntimeConfig.defaults().withSpoolDir(spool), deadline);
        return runtime;
    }

    @AfterEach
    void closeRuntime() {
        if (runtime != null) runtime.close();
    }

    private static ToolCall call(String id, String tool, String lane) {
        JsonNode input = lane == null ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.objectNode().put("lane", lane);
        return new ToolCall(id, tool, input);
    }

    /** Waits, without a deadline of its own, until the body is told to stop: a tool that honours cancel. */
    private static ToolResult untilCancelled(CallScope scope, CountDownLatch running) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        scope.onCancel(stop::countDown);
        scope.output("stdout", "working\n");
        running.countDown();
        stop.await();
        return ToolResult.text("stopped");
    }

    @Test
    void aCallStreamsItsEventsAndEndsWithExactlyOneTerminalEvent() {
        ToolRuntime runtime = runtime(new ScriptedTool("count", scope -> {
            for (int i = 1; i <= 3; i++) scope.output("stdout", i + "\n");
            return ToolResult.text("counted");
        }));
        Session session = runtime.openSession("s1");
        List<ToolEvent> events = new ArrayList<>();
        runtime.start(session, call("c1", "count", null)).forEach(events::add);
        assertThat(events.getFirst()).isInstanceOf(ToolEvent.Started.class);
        assertThat(events.stream().filter(e -> e instanceof ToolEvent.Output)).hasSize(3);
        assertThat(events.stream().filter(ToolEvent::isTerminal)).hasSize(1);
        assertThat(ToolRegistry.resultOf(events.getLast()).text()).isEqualTo("counted");
    }

    @Test
    void cancelEndsTheReadersStreamWithACancelledResultThatKeepsWhatTheCallPrinted() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        ToolRuntime runtime = runtime(new ScriptedTool("work", scope -> untilCancelled(scope, running)));
        RunningCall call = runtime.start(runtime.openSession(), call("c1", "work", null));
        List<ToolEvent> seen = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> call.forEach(seen::add));
        running.await();
        assertThat(call.cancel()).isTrue();
        reader.join();
        ToolResult result = ToolRegistry.resultOf(seen.getLast());
        assertThat(result.isError()).isTrue();
        assertThat(result.metadata()).containsEntry("cancelled", true);
        assertThat(result.text()).startsWith(RunningCall.CANCELLED_WHILE_RUNNING).contains("stopped");
        assertThat(seen.stream().filter(ToolEvent::isTerminal)).hasSize(1);
        assertThat(call.cancel()).as("a second cancel finds the call over").isFalse();
    }

    @Test
    void aToolThatIgnoresCancelStillGivesItsReaderACancelledResultAfterTheDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        ToolRuntime runtime = runtime(Duration.ofMillis(200), new ScriptedTool("stubborn", scope -> {
            running.countDown();
            // registers no cancel hook: only the runtime's last resort, an interrupt, or the test ends it
            release.await();
            return ToolResult.text("late");
        }));
        RunningCall call = runtime.start(runtime.openSession(), call("c1", "stubborn", null));
        running.await();
        call.cancel();
        ToolEvent terminal = call.awaitTerminal(e -> {});
        assertThat(ToolRegistry.resultOf(terminal).text()).startsWith(RunningCall.CANCELLED_WHILE_RUNNING).contains("had not finished stopping");
        assertThat(ToolRegistry.resultOf(terminal).metadata()).containsEntry("cancelled", true);
        release.countDown();
        call.workEnded().get(30, TimeUnit.SECONDS);
    }

    @Test
    void callsInTheSameLaneRunOneAfterAnotherInTheOrderStarted() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicInteger inLane = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ToolRuntime runtime = runtime(new ScriptedTool("step", scope -> {
            mostAtOnce.accumulateAndGet(inLane.incrementAndGet(), Math::max);
            Thread.sleep(50);
            order.add(scope.call().id());
            inLane.decrementAndGet();
            return ToolResult.text(scope.call().id());
        }));
        Session session = runtime.openSession();
        List<RunningCall> calls = new ArrayList<>();
        for (int i = 1; i <= 4; i++) calls.add(runtime.start(session, call("c" + i, "step", "shell")));
        for (RunningCall c : calls) c.result();
        assertThat(order).containsExactly("c1", "c2", "c3", "c4");
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void theNextCallInALaneStartsOnlyOnceTheReaderHasHandledTheEndOfTheOneBefore() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        ToolRuntime runtime = runtime(new ScriptedTool("step", scope -> {
            order.add("start " + scope.call().id());
            return ToolResult.text("ok");
        }));
        Session session = runtime.openSession();
        RunningCall first = runtime.start(session, call("c1", "step", "shell"));
        RunningCall second = runtime.start(session, call("c2", "step", "shell"));
        Thread secondReader = Thread.ofVirtual().start(second::result);
        first.deliver(event -> {
            if (event.isTerminal()) {
                order.add("end c1 seen");
            }
        });
        secondReader.join();
        assertThat(order).containsExactly("start c1", "end c1 seen", "start c2");
    }

    @Test
    void callsWithoutALaneOrInDifferentLanesRunAtTheSameTime() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        ToolRuntime runtime = runtime(new ScriptedTool("meet", scope -> {
            both.countDown();
            // each call can only finish once the other one has started too
            return ToolResult.text(both.await(30, TimeUnit.SECONDS) ? "met" : "alone");
        }));
        Session session = runtime.openSession();
        RunningCall free1 = runtime.start(session, call("a", "meet", null));
        RunningCall free2 = runtime.start(session, call("b", "meet", "file:/other"));
        assertThat(free1.result().text()).isEqualTo("met");
        assertThat(free2.result().text()).isEqualTo("met");
    }

    @Test
    void aCallCancelledWhileWaitingForItsLaneNeverRunsAndTheNextOneStillWaitsForTheRunningOne() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        AtomicBoolean firstDone = new AtomicBoolean();
        AtomicBoolean thirdSawFirstDone = new AtomicBoolean();
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ToolRuntime runtime = runtime(new ScriptedTool("job", scope -> {
            ran.add(scope.call().id());
            if (scope.call().id().equals("first")) {
                running.countDown();
                releaseFirst.await();
                firstDone.set(true);
            } else {
                thirdSawFirstDone.set(firstDone.get());
            }
            return ToolResult.text("ran");
        }));
        Session session = runtime.openSession();
        RunningCall first = runtime.start(session, call("first", "job", "screen"));
        RunningCall second = runtime.start(session, call("second", "job", "screen"));
        RunningCall third = runtime.start(session, call("third", "job", "screen"));
        running.await();
        assertThat(second.cancel()).isTrue();
        List<ToolEvent> secondEvents = new ArrayList<>();
        second.forEach(secondEvents::add);
        assertThat(secondEvents.getFirst()).isInstanceOf(ToolEvent.Started.class);
        ToolResult cancelled = ToolRegistry.resultOf(secondEvents.getLast());
        assertThat(cancelled.text()).isEqualTo(RunningCall.CANCELLED_BEFORE_START);
        assertThat(cancelled.metadata()).containsEntry("cancelled", true).containsEntry("started", false);
        releaseFirst.countDown();
        assertThat(first.result().text()).isEqualTo("ran");
        assertThat(third.result().text()).isEqualTo("ran");
        assertThat(ran).containsExactly("first", "third");
        assertThat(thirdSawFirstDone).isTrue();
    }

    @Test
    void interruptingTheReaderCancelsTheCallAndTheReaderStillGetsItsCancelledResult() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        ToolRuntime runtime = runtime(new ScriptedTool("work", scope -> untilCancelled(scope, running)));
        RunningCall call = runtime.start(runtime.openSession(), call("c1", "work", null));
        AtomicReference<ToolEvent> terminal = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread reader = Thread.ofVirtual().start(() -> {
            terminal.set(call.awaitTerminal(e -> {}));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        running.await();
        reader.interrupt();
        reader.join();
        assertThat(call.isCancelled()).isTrue();
        assertThat(ToolRegistry.resultOf(terminal.get()).metadata()).containsEntry("cancelled", true);
        assertThat(interruptKept).as("the reader's interrupt status is given back").isTrue();
    }

    @Test
    void closingTheSessionCancelsItsCallsClosesItsResourcesAndRefusesNewCalls() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        ToolRuntime runtime = runtime(new ScriptedTool("work", scope -> untilCancelled(scope, running)));
        Session session = runtime.openSession("closing");
        AtomicBoolean resourceClosed = new AtomicBoolean();
        session.resource("shell", AutoCloseable.class, () -> () -> resourceClosed.set(true));
        RunningCall call = runtime.start(session, call("c1", "work", "shell"));
        running.await();
        session.close();
        assertThat(resourceClosed).isTrue();
        assertThat(call.workEnded()).isDone();
        assertThat(call.result().metadata()).containsEntry("cancelled", true);
        assertThat(runtime.openSessions()).doesNotContain(session);

        ToolResult refused = runtime.start(session, call("c2", "work", null)).result();
        assertThat(refused.isError()).isTrue();
        assertThat(refused.text()).contains("closed");
    }

    @Test
    void sessionIdsAreUniqueWhileOpenAndTheRuntimeClosesTheOnesLeftOpen() {
        ToolRuntime runtime = runtime(new ScriptedTool("noop", scope -> ToolResult.text("ok")));
        Session first = runtime.openSession("same");
        assertThatThrownBy(() -> runtime.openSession("same")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already open");
        first.close();
        Session again = runtime.openSession("same");
        runtime.close();
        assertThat(again.isClosed()).isTrue();
        assertThat(runtime.openSessions()).isEmpty();
    }

    @Test
    void bufferedDeliveryHandsOnlyTheResultToTheListener() {
        ToolRuntime runtime = runtime(new ScriptedTool("count", scope -> {
            scope.output("stdout", "1\n");
            return ToolResult.text("done");
        }));
        runtime.registry().mode("count", StreamingMode.BUFFERED);
        List<ToolEvent> delivered = new ArrayList<>();
        ToolEvent terminal = runtime.start(runtime.openSession(), call("c1", "count", null)).deliver(delivered::add);
        assertThat(delivered).containsExactly(terminal);
    }

    @Test
    void anUnknownToolGivesAnErrorResultNamingTheToolsThereAre() {
        ToolRuntime runtime = runtime(new ScriptedTool("known", scope -> ToolResult.text("ok")));
        ToolResult result = runtime.start(runtime.openSession(), call("c1", "nope", null)).result();
        assertThat(result.isError()).isTrue();
        assertThat(result.text()).contains("nope", "known");
    }

    @Test
    void aSpecWithoutLanesTakesTheWholeToolAndSummarizesByItsInput() throws Exception {
        ToolSpec spec = new ToolSpec("plain", "d", JsonNodeFactory.instance.objectNode(), Optional.empty());
        JsonNode input = EventJson.mapper().readTree("{\"x\":1}");
        assertThat(spec.laneOf(input)).contains("tool:plain");
        assertThat(spec.summarize(input)).isEqualTo("{\"x\":1}");
        assertThat(CallLane.fileAt("path").of(EventJson.mapper().readTree("{\"path\":\"/tmp/a/../b\"}"))).contains("file:/tmp/b");
        assertThat(CallLane.none().of(input)).isEmpty();
        assertThat(spec.withDescription("other").laneOf(input)).contains("tool:plain");
    }
}
