package dev.agentstream.mcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SSE events one MCP session was sent, so that a client whose stream broke can resume it: every event
 * gets an id {@code STREAM-N} (the stream it went out on, its place there), and a GET with
 * {@code Last-Event-ID} receives what that stream sent after it. Only recent streams and their last events
 * are kept, and at most {@link #CHARS_KEPT} characters of them in all (the oldest go first; the newest event
 * always stays): a client resumes a stream it just lost, not one from long ago, and a session streaming a
 * large output holds a bounded tail of it, not all of it.
 */
final class ReplayLog {

    static final int STREAMS_KEPT = 32;
    static final int EVENTS_KEPT_PER_STREAM = 512;
    /** The most characters of JSON one session keeps for resumption: a few chunks of streamed output. */
    static final long CHARS_KEPT = 256 * 1024;

    /** One event as it went out: its id and its JSON-RPC message as JSON text. */
    record Event(String id, String json) {}

    private final AtomicLong streams = new AtomicLong();
    private final Map<String, Stream> byKey = new LinkedHashMap<>();
    private long charsKept;

    private static final class Stream {
        final AtomicLong next = new AtomicLong();
        final Deque<Event> events = new ArrayDeque<>();
    }

    /** A new stream's key, e.g. {@code r7} for a request's stream or {@code g3} for a GET stream. */
    synchronized String open(String kind) {
        String key = kind + streams.incrementAndGet();
        byKey.put(key, new Stream());
        Iterator<String> oldest = byKey.keySet().iterator();
        while (byKey.size() > STREAMS_KEPT) {
            forget(byKey.get(oldest.next()).events);
            oldest.remove();
        }
        return key;
    }

    /** Keeps an event of {@code streamKey}'s stream and returns the id it goes out with. */
    synchronized String record(String streamKey, String json) {
        Stream stream = byKey.get(streamKey);
        if (stream == null) return null;
        String id = streamKey + "-" + stream.next.incrementAndGet();
        Event event = new Event(id, json);
        stream.events.addLast(event);
        charsKept += json.length();
        if (stream.events.size() > EVENTS_KEPT_PER_STREAM) charsKept -= stream.events.removeFirst().json().length();
        dropOldestBeyondLimit(event);
        return id;
    }

    /** Drops the oldest events, oldest stream first, until the log fits in {@link #CHARS_KEPT} or only {@code newest} is left. */
    private void dropOldestBeyondLimit(Event newest) {
        Iterator<Stream> streams = byKey.values().iterator();
        while (charsKept > CHARS_KEPT && streams.hasNext()) {
            Deque<Event> events = streams.next().events;
            while (charsKept > CHARS_KEPT && !events.isEmpty() && events.peekFirst() != newest) {
                charsKept -= events.removeFirst().json().length();
            }
        }
    }

    private void forget(Deque<Event> events) {
        for (Event event : events) charsKept -= event.json().length();
    }

    /** The characters of JSON kept now. */
    synchronized long charsKept() {
        return charsKept;
    }

    /**
     * What the stream that sent {@code lastEventId} sent after it, oldest first; empty when the id is not
     * one of this session's or its stream is no longer kept.
     */
    synchronized List<Event> after(String lastEventId) {
        int dash = lastEventId == null ? -1 : lastEventId.lastIndexOf('-');
        if (dash <= 0) return List.of();
        Stream stream = byKey.get(lastEventId.substring(0, dash));
        long last;
        try {
            last = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return List.of();
        }
        if (stream == null) return List.of();
        List<Event> missed = new ArrayList<>();
        String prefix = lastEventId.substring(0, dash + 1);
        for (Event event : stream.events) {
            if (Long.parseLong(event.id().substring(prefix.length())) > last) missed.add(event);
        }
        return missed;
    }
}
