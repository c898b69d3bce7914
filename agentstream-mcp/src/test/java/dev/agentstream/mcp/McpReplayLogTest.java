package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class McpReplayLogTest {

    private final ReplayLog log = new ReplayLog();

    @Test
    void aStreamResumesAfterTheLastEventItsClientSaw() {
        String stream = log.open("r");
        String first = log.record(stream, "{\"n\":1}");
        log.record(stream, "{\"n\":2}");
        log.record(stream, "{\"n\":3}");
        assertThat(log.after(first)).extracting(ReplayLog.Event::json).containsExactly("{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void aLargeStreamKeepsOnlyABoundedTail() {
        String stream = log.open("r");
        String chunk = "x".repeat(32 * 1024);
        String firstId = log.record(stream, chunk);
        String lastId = null;
        for (int i = 0; i < 200; i++) lastId = log.record(stream, chunk);
        assertThat(log.charsKept()).isLessThanOrEqualTo(ReplayLog.CHARS_KEPT);
        assertThat(log.after(firstId)).as("the newest events are kept").isNotEmpty()
                .last().extracting(ReplayLog.Event::id).isEqualTo(lastId);
        assertThat(log.after(firstId).size()).isLessThan(200);
    }

    @Test
    void theNewestEventStaysEvenWhenItAloneIsOverTheBound() {
        String stream = log.open("r");
        String before = log.record(stream, "{}");
        String huge = "y".repeat((int) ReplayLog.CHARS_KEPT + 10);
        String id = log.record(stream, huge);
        assertThat(log.after(before)).extracting(ReplayLog.Event::id).containsExactly(id);
        assertThat(log.charsKept()).isEqualTo(huge.length());
    }

    @Test
    void oldStreamsGiveWayToNewOnes() {
        String old = log.open("r");
        String oldId = log.record(old, "z".repeat(1000));
        for (int i = 0; i < ReplayLog.STREAMS_KEPT; i++) log.record(log.open("r"), "{}");
        assertThat(log.after(oldId)).isEmpty();
        assertThat(log.charsKept()).isEqualTo(ReplayLog.STREAMS_KEPT * 2L);
    }
}
