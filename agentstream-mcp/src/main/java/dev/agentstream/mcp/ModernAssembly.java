package dev.agentstream.mcp;

import dev.agentstream.core.Tool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.McpAsyncNotifier;
import io.modelcontextprotocol.modern.server.McpAsyncResponse;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.feature.McpAsyncTool;
import io.modelcontextprotocol.modern.server.feature.McpAsyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The same server as {@link ServerAssembly}'s at MCP protocol revision 2026-07-28, the stateless one: no
 * {@code initialize}, the protocol version and client capabilities in every request's {@code _meta}, and
 * {@code server/discover} (answered by the SDK's modern server with the versions given here, the older ones
 * included, so a client learns it may also use those). The tools, their listing and their results are the legacy
 * server's: each call goes through the same {@link ToolCallHandler}, whose legacy result is carried over as is.
 *
 * <p>Progress and the call's notices travel in the request's own response stream; a notice only when the request
 * opted in with a log level ({@code io.modelcontextprotocol/logLevel} in its {@code _meta}), and only at or above it,
 * as the revision asks. A request cancelled (by {@code notifications/cancelled} over stdio, by closing its response
 * over HTTP) is cancelled in the runtime: its processes are killed.
 */
final class ModernAssembly {

    /** The revision this server speaks besides the legacy ones. */
    static final String VERSION = McpSchema.LATEST_PROTOCOL_VERSION;

    private ModernAssembly() {}

    /**
     * Which runtime session (and so which shell) a call runs in. Without {@code initialize} there is no MCP
     * session: a stdio connection is one client, so all its calls share one; over HTTP each call has its own.
     */
    interface SessionScope {
        String open(McpRequestContext request);

        void close(String sessionId);

        /** One session for every call: that of a stdio connection. */
        static SessionScope shared(String sessionId) {
            return new SessionScope() {
                @Override
                public String open(McpRequestContext request) {
                    return sessionId;
                }

                @Override
                public void close(String ignored) {
                    // the connection's end closes it
                }
            };
        }

        /** A session of its own for each call, ended with it. */
        static SessionScope perCall(McpSessions sessions) {
            return new SessionScope() {
                @Override
                public String open(McpRequestContext request) {
                    return "call-" + java.util.UUID.randomUUID();
                }

                @Override
                public void close(String sessionId) {
                    sessions.ended(sessionId);
                }
            };
        }
    }

    /**
     * The modern server of {@code options}' tools. {@code legacyVersions} are the versions the same front door
     * speaks with {@code initialize}: {@code server/discover} lists them before {@link #VERSION}.
     */
    static McpServer build(McpOptions options, McpSessions sessions, McpJsonMapper mapper, Scheduler callThreads,
                           List<String> legacyVersions, SessionScope scope) {
        ToolCallHandler handler = new ToolCallHandler(options, sessions);
        Map<String, McpAsyncTool> tools = new LinkedHashMap<>();
        for (Tool tool : options.exposed()) {
            McpSchema.Tool definition = mapper.convertValue(ToolListing.of(tool.spec(), mapper), McpSchema.Tool.class);
            tools.put(definition.name(), McpAsyncTool.of(definition,
                    (request, call) -> Mono.just(McpAsyncResponse.streaming(notifier -> run(handler, sessions, scope, callThreads, mapper, request, call, notifier)))));
        }
        McpAsyncToolRepository repository = new McpAsyncToolRepository() {
            @Override
            public Mono<ToolsPage> list(McpRequestContext request, String cursor) {
                return Mono.just(ToolsPage.of(tools.values().stream().map(McpAsyncTool::definition).toList()));
            }

            @Override
            public Mono<McpAsyncTool> find(McpRequestContext request, String name) {
                return Mono.justOrEmpty(tools.get(name));
            }
        };
        List<String> versions = new ArrayList<>(legacyVersions.stream().sorted().toList());
        versions.add(VERSION);
        return McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder(ServerAssembly.SERVER_NAME, options.version()).build())
                .instructions(ServerAssembly.instructions(options.notes()))
                .supportedVersions(versions)
                .jsonMapper(mapper)
                // No tool here asks the client for input, so no request state is ever sealed; a key of this process's
                // own says so (without one the SDK warns that it made one up).
                .requestStateCodec(HmacRequestStateCodec.builder().key(processKey()).jsonMapper(mapper).build())
                .feature(ToolsFeature.ofAsync(repository, mapper, new NoSchemaValidation(), 0L, McpSchema.CacheScope.PRIVATE))
                .build();
    }

    private static byte[] processKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** One call on a virtual thread; the response stream's cancellation cancels it in the runtime. */
    private static Mono<McpSchema.CallToolOutcome> run(ToolCallHandler handler, McpSessions sessions, SessionScope scope,
            Scheduler callThreads, McpJsonMapper mapper, McpRequestContext request, McpSchema.CallToolRequest call,
            McpAsyncNotifier notifier) {
        String requestId = String.valueOf(request.requestId());
        String sessionId = scope.open(request);
        ToolCallHandler.Peer peer = new StreamPeer(notifier, logLevel(request.meta()));
        return Mono.fromCallable(() -> handler.call(sessionId, requestId, call.name(), call.arguments(), request.progressToken(),
                        request.meta(), peer))
                .subscribeOn(callThreads)
                .map(result -> (McpSchema.CallToolOutcome) modern(result, mapper))
                .doOnCancel(() -> sessions.cancelled(sessionId, requestId))
                .doFinally(signal -> scope.close(sessionId));
    }

    /** The level a request opted in to log messages at; none when it did not (or named no level MCP has). */
    static Optional<io.modelcontextprotocol.spec.McpSchema.LoggingLevel> logLevel(Map<String, Object> meta) {
        if (meta == null || !(meta.get(McpSchema.MetaKeys.LOG_LEVEL) instanceof String level)) return Optional.empty();
        try {
            return Optional.of(io.modelcontextprotocol.spec.McpSchema.LoggingLevel.valueOf(level.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A legacy tool result as the modern schema's: the same content, structured content, isError and {@code _meta}. */
    static McpSchema.CallToolResult modern(io.modelcontextprotocol.spec.McpSchema.CallToolResult legacy, McpJsonMapper mapper) {
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder()
                // Block by block: each keeps its "type" (a list's element type would be Object, written without it).
                .content(legacy.content().stream().map(block -> mapper.convertValue(block, McpSchema.Content.class)).toList())
                .isError(Boolean.TRUE.equals(legacy.isError()));
        if (legacy.structuredContent() != null) result.structuredContent(legacy.structuredContent());
        if (legacy.meta() != null) result.meta(legacy.meta());
        return result.build();
    }

    /** A call's notifications as messages of its response stream, each in the legacy shape the revision keeps. */
    private record StreamPeer(McpAsyncNotifier notifier, Optional<io.modelcontextprotocol.spec.McpSchema.LoggingLevel> logLevel)
            implements ToolCallHandler.Peer {
        @Override
        public void progress(io.modelcontextprotocol.spec.McpSchema.ProgressNotification notification) {
            notifier.notify(McpSchema.METHOD_NOTIFICATION_PROGRESS, notification).block(ToolCallHandler.NOTIFY_TIMEOUT);
        }

        @Override
        public void notice(io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification notice) {
            if (logLevel.isEmpty() || notice.level().level() < logLevel.get().level()) return;
            notifier.notify(McpSchema.METHOD_NOTIFICATION_MESSAGE, notice).block(ToolCallHandler.NOTIFY_TIMEOUT);
        }
    }
}
