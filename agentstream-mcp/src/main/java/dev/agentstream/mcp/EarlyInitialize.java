package dev.agentstream.mcp;

import dev.agentstream.core.StartupTrace;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Answers a stdio client's connect before the server exists: the tools, their schemas and the SDK's server take
 * tens of milliseconds to build, while the answer to {@code initialize} depends on none of them (only on the
 * server's version and instructions). A thread reads the client's first lines as they come; an {@code initialize}
 * request (and a {@code server/discover} probe at a revision this server does not speak before it, answered "method
 * not found") in the
 * shape {@link InitializeFastPath} reads without Jackson's data binding is answered with the very bytes the SDK
 * would write. Then every byte read, those lines included, is handed to the server in order ({@link #input()}):
 * the SDK's session reads the same requests and ends in the state it would have reached answering them itself,
 * and its own answers to them are dropped ({@link #takeSent}). Anything else, and everything from the first line
 * this path does not take, is left to the server untouched.
 *
 * <p>A first message of revision 2026-07-28 ({@code server/discover} or any request at that version) is not answered
 * here: the input is handed over at once, and {@link #modernEra()} tells the server to start the modern server.
 *
 * <p>What may arrive before the answer: a client sends {@code initialize} first and waits for its answer (a
 * {@code server/discover} probe, too, is answered before the client goes on), so the server reads later messages
 * after it, in the order they were sent.
 */
public final class EarlyInitialize {

    /** The first lines this path looks at; a client sends one or two before its connect is answered. */
    private static final int MAX_EARLY_LINES = 4;
    /** A longer first line is left to the server (which takes lines up to 16 MiB). */
    private static final int MAX_LINE_BYTES = 1 << 20;
    static final String DISCOVER = "server/discover";
    private static final TypeRef<McpSchema.InitializeRequest> INITIALIZE_REQUEST = new TypeRef<>() {};
    private static final TypeRef<HashMap<String, Object>> MESSAGE = new TypeRef<>() {};

    private static volatile EarlyInitialize onStdio;

    private final InputStream in;
    private final OutputStream out;
    /** The SDK's reading and writing, with no way to Jackson's data binding: a message that needs it is left to the server. */
    private final InitializeFastPath json = new InitializeFastPath(EarlyInitialize::notTakenHere, McpJson.factory());
    private final CompletableFuture<ServerIdentity> identity = new CompletableFuture<>();
    private final CountDownLatch handedOver = new CountDownLatch(1);
    private final List<SentAnswer> sent = new ArrayList<>();
    private int written;
    /** Set before the hand-over when the first message was one of revision 2026-07-28. */
    private volatile boolean modern;
    /** Every byte read from {@link #in} before the hand-over; the server reads them first. */
    private byte[] read = new byte[8192];
    private int readLength;
    private int lineStart;

    /** What an {@code initialize} answer says of the server besides the protocol version. */
    record ServerIdentity(String version, String instructions) {}

    /** An answer written here: the request's id and the line written, without its line end. */
    private record SentAnswer(Object id, String line) {}

    private EarlyInitialize(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Starts reading the process's stdin on a daemon thread; {@link #onStdio()} then returns it. */
    public static void startOnStdio() {
        onStdio = start(System.in, new FileOutputStream(FileDescriptor.out));
    }

    /** The reader {@link #startOnStdio()} started, if any. */
    public static Optional<EarlyInitialize> onStdio() {
        return Optional.ofNullable(onStdio);
    }

    /** Starts reading {@code in} on a daemon thread; answers go to {@code out}, the stream the server writes to. */
    static EarlyInitialize start(InputStream in, OutputStream out) {
        EarlyInitialize early = new EarlyInitialize(in, out);
        Thread.ofPlatform().daemon().name("mcp-early-initialize").start(early::run);
        return early;
    }

    /**
     * Lets {@code initialize} be answered as a server of this version, whose instructions carry {@code notes} (what
     * {@link McpOptions#notes()} will hold), before that server exists. Without it, the answer waits for the server's
     * start ({@link StdioMcpServer}), which gives the same from its options.
     */
    public void serverKnown(String version, String notes) {
        identity.complete(new ServerIdentity(version, ServerAssembly.instructions(notes)));
    }

    /** As {@link #serverKnown}, from the options the server is started with. */
    void serverStarting(McpOptions options) {
        serverKnown(options.version(), options.notes());
    }

    /** What the server reads: the lines read here (answered or not), then the rest of the input, in order. */
    InputStream input() {
        return new HandedOver();
    }

    /**
     * Whether an answer to the request with this id was written here (each is taken once): the server's own answer
     * to it is then not sent. {@code line} is the server's answer as it would write it; one that differs from the
     * answer sent is reported in the returned value.
     */
    synchronized Optional<String> takeSent(Object id, String line) {
        for (int i = 0; i < sent.size(); i++) {
            if (Objects.equals(sent.get(i).id(), id)) {
                SentAnswer answer = sent.remove(i);
                return Optional.of(answer.line().equals(line) ? "" : answer.line());
            }
        }
        return Optional.empty();
    }

    /** The number of answers written here so far. */
    synchronized int answered() {
        return written;
    }

    private void run() {
        StartupTrace.mark("early reading begins");
        try {
            negotiated(""); // learns the transport's versions while the client's first line is awaited, not after it
            for (int i = 0; i < MAX_EARLY_LINES; i++) {
                String line = nextLine();
                McpSchema.JSONRPCRequest request = line == null ? null : request(line);
                if (request == null || request.id() == null) return;
                if (i == 0 && ModernAssembly.VERSION.equals(modernVersion(request))) {
                    // A client of revision 2026-07-28: the modern server answers it, this line included.
                    modern = true;
                    return;
                }
                if (DISCOVER.equals(request.method())) {
                    // A discover at a revision this server does not speak: the SDK's answer to a method it does not
                    // have, and the client then offers an older protocol with initialize.
                    send(request, new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), null,
                            new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + DISCOVER, null)));
                    continue;
                }
                if (McpSchema.METHOD_INITIALIZE.equals(request.method())) answerInitialize(request);
                return;
            }
        } catch (IOException | RuntimeException e) {
            // not a line this path takes, or the input or output failed: the server meets it and deals with it its own way
        } finally {
            handedOver.countDown();
        }
    }

    /** The protocol version a request of the stateless revisions names in its {@code _meta}, or null. */
    private static String modernVersion(McpSchema.JSONRPCRequest request) {
        if (request.params() instanceof Map<?, ?> params && params.get("_meta") instanceof Map<?, ?> meta
                && meta.get(io.modelcontextprotocol.modern.McpSchema.MetaKeys.PROTOCOL_VERSION) instanceof String version) {
            return version;
        }
        return null;
    }

    /**
     * Whether the connection speaks revision 2026-07-28 (its first message said so), once the first lines were read:
     * waits for them.
     */
    boolean modernEra() {
        try {
            handedOver.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return modern;
    }

    /** The protocol versions the legacy stdio server negotiates with {@code initialize}. */
    static List<String> legacyVersions() {
        return StdioVersions.SUPPORTED;
    }

    /** The line as the SDK reads it into a request, or null when it is something else or needs Jackson's data binding. */
    private McpSchema.JSONRPCRequest request(String line) throws IOException {
        HashMap<String, Object> message = json.readValue(line, MESSAGE);
        if (!message.containsKey("method") || !message.containsKey("id")) return null;
        return json.convertValue(message, McpSchema.JSONRPCRequest.class);
    }

    private void answerInitialize(McpSchema.JSONRPCRequest request) throws IOException {
        McpSchema.InitializeRequest initialize = json.convertValue(request.params(), INITIALIZE_REQUEST);
        if (initialize.protocolVersion() == null) return; // the SDK fails on it in its own way
        ServerIdentity server = identity.join();
        StartupTrace.mark("initialize answered early");
        var result = new McpSchema.InitializeResult(negotiated(initialize.protocolVersion()), ServerAssembly.capabilities(),
                new McpSchema.Implementation(ServerAssembly.SERVER_NAME, server.version()), server.instructions());
        send(request, new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), result, null));
    }

    /** The version the SDK's server answers with: the client's when the transport speaks it, else the newest it speaks. */
    static String negotiated(String requested) {
        List<String> supported = StdioVersions.SUPPORTED;
        return supported.contains(requested) ? requested : supported.getLast();
    }

    /**
     * The protocol versions the SDK's stdio transport speaks, asked of one that is never connected (the server's own
     * is not made yet when the answer leaves).
     */
    private static final class StdioVersions {
        static final List<String> SUPPORTED = new StdioServerTransportProvider(McpJson.mapper(),
                InputStream.nullInputStream(), OutputStream.nullOutputStream()).protocolVersions();
    }

    private void send(McpSchema.JSONRPCRequest request, McpSchema.JSONRPCResponse answer) throws IOException {
        String line = asLine(json.writeValueAsString(answer));
        // Recorded before it is written: the server reads the request only after the hand-over, so it finds it here.
        synchronized (this) {
            sent.add(new SentAnswer(request.id(), line));
            written++;
        }
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A message as the SDK's stdio transport writes it: line ends in it escaped, so it is one line. */
    static String asLine(String json) {
        return json.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    private static <T> T notTakenHere() {
        throw new NotTakenHere();
    }

    /** A message this path leaves to the server. */
    private static final class NotTakenHere extends RuntimeException {
        NotTakenHere() {
            super(null, null, false, false);
        }
    }

    /**
     * The next line of the input, without its line end, or null at its end, at a line too long, or at a line with a
     * carriage return (the SDK's reading ends a line there too; such input is left to it).
     */
    private String nextLine() throws IOException {
        int scanned = lineStart;
        while (true) {
            for (int i = scanned; i < readLength; i++) {
                if (read[i] == '\r') return null;
                if (read[i] == '\n') {
                    String line = new String(read, lineStart, i - lineStart, StandardCharsets.UTF_8);
                    lineStart = i + 1;
                    return line;
                }
            }
            scanned = readLength;
            if (readLength - lineStart >= MAX_LINE_BYTES) return null;
            if (readLength == read.length) read = Arrays.copyOf(read, read.length * 2);
            int n = in.read(read, readLength, read.length - readLength);
            if (n < 0) return null;
            readLength += n;
        }
    }

    /** The input as the server reads it: what was read here, once this path is done with it, then the rest. */
    private final class HandedOver extends InputStream {
        private int position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) return 0;
            awaitHandOver();
            if (position < readLength) {
                int n = Math.min(length, readLength - position);
                System.arraycopy(read, position, buffer, offset, n);
                position += n;
                return n;
            }
            return in.read(buffer, offset, length);
        }

        @Override
        public int available() throws IOException {
            if (handedOver.getCount() > 0) return 0;
            return position < readLength ? readLength - position : in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private void awaitHandOver() throws IOException {
            try {
                handedOver.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while the first lines were read");
            }
        }
    }
}
