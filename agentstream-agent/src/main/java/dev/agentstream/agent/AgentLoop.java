package dev.agentstream.agent;

import com.anthropic.models.beta.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.conversation.Conversation;
import dev.agentstream.agent.conversation.ToolResultBlocks;
import dev.agentstream.agent.conversation.ToolResultClearer;
import dev.agentstream.agent.model.AnthropicModelClient;
import dev.agentstream.agent.model.AssembledTurn;
import dev.agentstream.agent.model.ModelCatalog;
import dev.agentstream.agent.model.ModelClient;
import dev.agentstream.agent.model.ModelFailure;
import dev.agentstream.agent.model.RequestFactory;
import dev.agentstream.agent.model.RetryPolicy;
import dev.agentstream.agent.model.SystemPrompt;
import dev.agentstream.agent.model.ToolDeclarations;
import dev.agentstream.agent.model.ToolUseBlock;
import dev.agentstream.agent.model.UnknownModel;
import dev.agentstream.agent.model.TurnStreamer;
import dev.agentstream.agent.session.Transcript;
import dev.agentstream.agent.session.TranscriptRecorder;
import dev.agentstream.agent.tools.ComputerBatch;
import dev.agentstream.agent.tools.OrphanedCalls;
import dev.agentstream.agent.tools.PendingCall;
import dev.agentstream.agent.tools.ScreenshotStore;
import dev.agentstream.agent.tools.ToolCallLedger;
import dev.agentstream.agent.tools.ToolRunner;
import dev.agentstream.core.CallSummary;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Session;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolRuntime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent loop: send the conversation, stream the reply, run the tools it asks for while it streams,
 * send their results back in the order asked, and go on until the model ends its turn, the turn limit is
 * reached, or the person stops it. One loop is one session; {@link #run} may be called again to continue it.
 * Everything is saved to the session's transcript as it happens.
 */
public final class AgentLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);
    /** A second Ctrl-C within this time ends the session instead of cancelling again. */
    private static final long DOUBLE_PRESS_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long STOPPED_CALL_WAIT_MS = 10_000;
    /** Near the context window, tool results older than this many user messages are cleared. */
    private static final int KEEP_RECENT_USER_MESSAGES = 3;

    /** What a Ctrl-C did. */
    public enum Interruption { CANCELLED_TOOLS, STOPPED }

    private final AgentSettings settings;
    private final ModelClient client;
    private final Transcript transcript;
    private final AgentListener listener;
    private final Conversation conversation;
    private final ToolRuntime tools;
    private final Session toolSession;
    private final ToolRunner runner;
    private final TurnStreamer streamer;
    private final RequestFactory requests;
    private final ToolDeclarations declarations;
    private final ModelCatalog.Lookup model;
    private final ScreenshotStore screenshots;
    private final boolean resumed;
    private final List<String> pendingNotes = new ArrayList<>();
    private TokenUsage sessionUsage = TokenUsage.ZERO;
    /** Tokens the last request read plus what it wrote: roughly what the next request starts from. */
    private long lastRequestTokens;
    private int turns;
    private boolean announced;
    private volatile boolean stopped;
    private final java.util.concurrent.atomic.AtomicLong lastInterruptNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public AgentLoop(AgentSettings settings, ToolRegistry registry, ModelClient client, Transcript transcript,
                     AgentListener listener, RuntimeConfig runtime) {
        this.settings = settings;
        this.client = client;
        this.transcript = transcript;
        this.listener = AgentListener.all(listener, new TranscriptRecorder(transcript));
        this.conversation = Conversation.of(transcript.savedMessages());
        this.resumed = !conversation.isEmpty();
        this.turns = conversation.assistantMessages();
        this.tools = new ToolRuntime(registry, runtime);
        this.toolSession = tools.openSession(transcript.id());
        this.runner = new ToolRunner(tools, toolSession, this.listener);
        this.model = ModelCatalog.builtIn().lookup(settings.model());
        this.declarations = ToolDeclarations.of(registry.tools().stream().map(Tool::spec).toList(), model.profile(),
                settings.displayWidth(), settings.displayHeight());
        this.requests = new RequestFactory(settings, model.profile(), declarations,
                SystemPrompt.build(settings.extraSystemPrompt(), settings.workingDirectory(), LocalDate.now()));
        this.streamer = new TurnStreamer(client, new RetryPolicy(settings.retry(), RandomGenerator.getDefault()), this.listener);
        this.screenshots = new ScreenshotStore(transcript.filesDir());
        this.pendingNotes.addAll(transcript.pendingNotes());
    }

    /** A loop on the real Anthropic API (or {@code ANTHROPIC_BASE_URL}). */
    public static AgentLoop open(AgentSettings settings, ToolRegistry registry, Transcript transcript, AgentListener listener, RuntimeConfig runtime) {
        return new AgentLoop(settings, registry, AnthropicModelClient.create(settings), transcript, listener, runtime);
    }

    public String sessionId() {
        return transcript.id();
    }

    public Transcript transcript() {
        return transcript;
    }

    /** Gives the model {@code userText} and runs until the session ends its turn or stops. */
    public AgentOutcome run(String userText) {
        if (!announced) {
            announced = true;
            listener.accept(new AgentEvent.SessionStarted(transcript.id(), settings.model(), resumed, transcript.file()));
            model.notice().ifPresent(notice -> listener.accept(new AgentEvent.Notice(notice)));
            model.retired().ifPresent(retired -> listener.accept(new AgentEvent.Notice(retired)));
            if (settings.effort().isPresent() && !requests.sendsEffort()) {
                listener.accept(new AgentEvent.Notice("The effort setting (" + settings.effort().get() + ") is not sent: the model table says "
                        + model.profile().id() + " takes " + (model.profile().effortLevels().isEmpty() ? "no effort setting"
                        : "only " + String.join(", ", model.profile().effortLevels())) + "."));
            }
        }
        if (stopped) return end(AgentOutcome.Reason.CANCELLED, "The session was stopped.", TokenUsage.ZERO);
        transcript.message(conversation.addUserText(userText, takeNotes()));
        TokenUsage runUsage = TokenUsage.ZERO;
        for (int turnsThisRun = 0; ; turnsThisRun++) {
            if (stopped) return end(AgentOutcome.Reason.CANCELLED, "Stopped by the user.", runUsage);
            if (turnsThisRun >= settings.maxTurns()) {
                return end(AgentOutcome.Reason.MAX_TURNS, "Stopped after " + settings.maxTurns() + " turns, the turn limit; "
                        + "a follow-up run of this session goes on from here.", runUsage, OptionalInt.of(settings.maxTurns()));
            }
            int turn = ++turns;
            listener.accept(new AgentEvent.TurnStarted(turn));
            // A model that binds thinking to the history refuses any edit of it: its old results are cleared by the API.
            int pruned = model.profile().appendOnlyHistory() ? 0 : conversation.pruneScreenshots(settings.keepScreenshots(), settings.screenshotBatch());
            if (pruned > 0) {
                listener.accept(new AgentEvent.Notice("Removed " + pruned + " old screenshot(s) from the conversation (the newest "
                        + settings.keepScreenshots() + " stay; all are in " + transcript.filesDir() + "); the prompt cache is written again from there once."));
            }
            keepWithinContextWindow();
            MessageCreateParams request = requests.build(conversation.messages());
            ToolCallLedger ledger = new ToolCallLedger();
            ComputerBatch computerActions = new ComputerBatch(runner);
            Map<String, PendingCall> calls = new LinkedHashMap<>();
            Optional<AssembledTurn> streamed;
            try {
                streamed = streamer.stream(turn, request,
                        use -> calls.put(use.id(), startCall(turn, use, ledger, computerActions)),
                        (t, attempt, failure) -> {
                            ledger.attemptFailed();
                            computerActions.restart();
                            calls.clear();
                        });
            } catch (ModelFailure failure) {
                // INFO: the log file gets the cause; the person sees the message in the session_end event.
                log.info("Turn {} failed: {}", turn, failure.getMessage(), failure.getCause());
                runner.cancelAll();
                Optional<ModelProblem> problem = UnknownModel.is(failure.getCause())
                        ? Optional.of(UnknownModel.ask(settings.model(), client)) : failure.problem();
                return end(new AgentOutcome(AgentOutcome.Reason.FAILED, problem.map(ModelProblem::detail).orElse(failure.getMessage()),
                        turns, runUsage, OptionalInt.empty(), problem));
            }
            if (streamed.isEmpty()) {
                runner.cancelAll();
                savePartialReply(calls);
                return end(AgentOutcome.Reason.CANCELLED, "Stopped by the user while the model was replying.", runUsage);
            }
            AssembledTurn reply = streamed.get();
            runUsage = runUsage.plus(reply.usage());
            lastRequestTokens = reply.usage().totalInput() + reply.usage().output();
            recordUsage(turn, reply.usage());
            listener.accept(new AgentEvent.TurnEnded(turn, reply.stopReason()));
            if (!reply.content().isEmpty()) transcript.message(conversation.addAssistant(reply.content()));
            if (!ledger.unclaimed().isEmpty()) noteOrphans(ledger.unclaimed());

            if (!reply.toolUses().isEmpty()) {
                ArrayNode results = collectResults(reply.toolUses(), calls);
                takeNotes().forEach(note -> results.addObject().put("type", "text").put("text", note));
                transcript.message(conversation.addUser(results));
                continue;
            }
            Optional<AgentOutcome> ended = endOfTurn(reply, runUsage);
            if (ended.isPresent()) return ended.get();
        }
    }

    /** How a reply without tool calls ends the run, by its stop reason; empty when the model should go on. */
    private Optional<AgentOutcome> endOfTurn(AssembledTurn reply, TokenUsage runUsage) {
        return switch (reply.stopReason()) {
            // The API paused a long turn; sending the conversation back as it is lets the model resume it.
            case "pause_turn" -> reply.content().isEmpty()
                    ? Optional.of(end(AgentOutcome.Reason.FINISHED, "", runUsage)) : Optional.empty();
            case "max_tokens" -> Optional.of(end(AgentOutcome.Reason.MAX_TOKENS, "The reply hit the limit of " + settings.maxTokens()
                    + " tokens before it was done; raise the limit, or go on with a follow-up run of this session.", runUsage,
                    OptionalInt.of(settings.maxTokens())));
            case "refusal" -> Optional.of(end(AgentOutcome.Reason.REFUSED, "The model declined to continue.", runUsage));
            default -> Optional.of(end(AgentOutcome.Reason.FINISHED, "", runUsage));
        };
    }

    private PendingCall startCall(int turn, ToolUseBlock use, ToolCallLedger ledger, ComputerBatch computerActions) {
        ToolDeclarations.RoutedCall routed = declarations.route(use);
        String toolName = routed.registryName();
        listener.accept(new AgentEvent.ToolUse(turn, use.id(), use.toolset().isPresent() ? toolName : use.name(),
                routed.input(), summary(toolName, routed.input())));
        Optional<PendingCall> earlier = ledger.claim(use.id(), toolName, routed.input());
        if (earlier.isPresent()) {
            listener.accept(new AgentEvent.Notice("Call " + use.id() + " is the same as " + earlier.get().call().id()
                    + ", which already started before the connection failed; its result is used instead of running it again."));
            if (routed.computerAction()) computerActions.rejoined(earlier.get());
            return earlier.get();
        }
        ToolCall call = new ToolCall(use.id(), toolName, routed.input());
        PendingCall pending;
        if (stopped) {
            // The reply was still streaming when the session was stopped: nothing new starts any more.
            pending = runner.answer(call, ToolResult.error(ToolResultBlocks.NOT_RUN));
        } else if (routed.computerAction()) {
            pending = computerActions.add(call, routed.error());
        } else if (routed.error().isPresent()) {
            pending = runner.answer(call, ToolResult.error(routed.error().get()));
        } else {
            pending = runner.start(call);
        }
        pending.result().thenAccept(result -> screenshots.save(use.id(), result)
                .forEach(path -> listener.accept(new AgentEvent.ScreenshotSaved(use.id(), path))));
        ledger.started(use.id(), pending);
        return pending;
    }

    /** What the call was asked to do, in the words of its tool's spec. */
    private String summary(String toolName, JsonNode input) {
        return tools.registry().find(toolName).map(tool -> {
            try {
                return tool.spec().summarize(input);
            } catch (RuntimeException e) {
                return CallSummary.rawInput().of(input);
            }
        }).orElseGet(() -> CallSummary.rawInput().of(input));
    }

    /**
     * Keeps what arrived of a reply the person stopped: its text and finished tool calls go to the transcript,
     * followed by the calls' (cancelled) results, so the conversation stays a valid alternation and a resumed
     * session tells the model what ran.
     */
    private void savePartialReply(Map<String, PendingCall> calls) {
        Optional<AssembledTurn> partial = streamer.partial();
        if (partial.isEmpty()) return;
        transcript.message(conversation.addAssistant(partial.get().content()));
        if (!partial.get().toolUses().isEmpty()) {
            transcript.message(conversation.addUser(collectResults(partial.get().toolUses(), calls)));
        }
    }

    /** The results in the order the model asked for the calls, whatever order they finished in. */
    private ArrayNode collectResults(List<ToolUseBlock> uses, Map<String, PendingCall> calls) {
        ArrayNode results = EventJson.mapper().createArrayNode();
        for (ToolUseBlock use : uses) {
            PendingCall call = calls.get(use.id());
            results.add(call == null ? ToolResultBlocks.notRun(use.id(), use.toolset()) : ToolResultBlocks.of(use.id(), use.toolset(), await(call)));
        }
        return results;
    }

    private ToolResult await(PendingCall call) {
        long stoppedAt = 0;
        while (true) {
            try {
                return call.result().get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!stopped) continue;
                if (stoppedAt == 0) stoppedAt = System.nanoTime();
                if (System.nanoTime() - stoppedAt > TimeUnit.MILLISECONDS.toNanos(STOPPED_CALL_WAIT_MS)) {
                    return ToolResult.error("The session was stopped while this call ran; its result is unknown.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolResult.error("The session was interrupted while this call ran; its result is unknown.");
            } catch (ExecutionException e) {
                return ToolResult.error("The tool failed inside the runtime: " + e.getCause() + ".");
            }
        }
    }

    private void noteOrphans(List<PendingCall> orphans) {
        String note = OrphanedCalls.note(orphans);
        pendingNotes.add(note);
        // Saved at once: if this turn ends without another user message, a resumed session still owes it.
        transcript.note(note);
        listener.accept(new AgentEvent.Notice(orphans.size() + " tool call(s) ran from a reply that broke off and was requested again; "
                + "the model is told about them with the next message."));
    }

    private List<String> takeNotes() {
        List<String> notes = List.copyOf(pendingNotes);
        pendingNotes.clear();
        return notes;
    }

    private void recordUsage(int turn, TokenUsage usage) {
        sessionUsage = sessionUsage.plus(usage);
        log.info("usage session={} turn={} input={} output={} cache_read={} cache_write={} session_input={} session_output={} session_cache_read={} session_cache_write={}",
                transcript.id(), turn, usage.input(), usage.output(), usage.cacheRead(), usage.cacheWrite(),
                sessionUsage.input(), sessionUsage.output(), sessionUsage.cacheRead(), sessionUsage.cacheWrite());
        listener.accept(new AgentEvent.Usage(turn, usage, sessionUsage, cost(usage), cost(sessionUsage)));
    }

    /** Near the model's context window, old tool results are cleared (all at once, so the cache is rewritten once). */
    private void keepWithinContextWindow() {
        if (model.profile().appendOnlyHistory()) return;
        long window = model.profile().contextWindow();
        long used = lastRequestTokens;
        if (!ToolResultClearer.nearLimit(used, window)) return;
        int cleared = conversation.clearOldToolResults(KEEP_RECENT_USER_MESSAGES);
        lastRequestTokens = 0;
        if (cleared > 0) {
            listener.accept(new AgentEvent.Notice(String.format(java.util.Locale.ROOT,
                    "The conversation reached %,d of the model's %,d-token context window; cleared %d old tool result(s) "
                            + "(the transcript keeps them, the spool files the full output of every call but a file view, whose file holds it).", used, window, cleared)));
        }
    }

    /** The estimated cost of {@code usage} at the model table's prices for this model. */
    private double cost(TokenUsage usage) {
        return model.profile().price().cost(usage.input(), usage.output(), usage.cacheWrite(), usage.cacheRead());
    }

    private AgentOutcome end(AgentOutcome.Reason reason, String detail, TokenUsage runUsage) {
        return end(reason, detail, runUsage, OptionalInt.empty());
    }

    private AgentOutcome end(AgentOutcome.Reason reason, String detail, TokenUsage runUsage, OptionalInt limit) {
        return end(new AgentOutcome(reason, detail, turns, runUsage, limit));
    }

    private AgentOutcome end(AgentOutcome outcome) {
        listener.accept(new AgentEvent.SessionEnded(transcript.id(), outcome, transcript.file()));
        return outcome;
    }

    /**
     * What Ctrl-C does: the first press cancels the tool calls that are running (their cancelled results go
     * to the model and the loop goes on); with nothing running, or on a second press within two seconds, it
     * stops the session. Returns at once: the cancelled calls' results follow within the runtime's cancel deadline.
     */
    public Interruption interrupt() {
        return interrupt(System.nanoTime());
    }

    /**
     * {@link #interrupt()} for a press that happened at {@code pressedAtNanos} ({@link System#nanoTime()}):
     * taking the time where the signal arrives keeps a slow handler thread from splitting a double press.
     */
    public Interruption interrupt(long pressedAtNanos) {
        // Atomic: two presses handled on two threads at once must see each other.
        long previous = lastInterruptNanos.getAndSet(pressedAtNanos);
        if (previous != 0 && Math.abs(pressedAtNanos - previous) < DOUBLE_PRESS_NANOS) {
            stop();
            return Interruption.STOPPED;
        }
        if (runner.busy()) {
            listener.accept(new AgentEvent.Notice("Cancelling the running tool call(s); press Ctrl-C again within 2 s to end the session."));
            runner.cancelAll();
            return Interruption.CANCELLED_TOOLS;
        }
        stop();
        return Interruption.STOPPED;
    }

    /** Ends the session: the reply being streamed is dropped, running tools are cancelled, the transcript is kept. */
    public void stop() {
        stopped = true;
        streamer.abort();
        runner.cancelAll();
    }

    public boolean isStopped() {
        return stopped;
    }

    /** Ends the session's tools (the shell and its processes) and closes the transcript; safe to call twice. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) return;
        runner.close();
        tools.close();
        client.close();
        transcript.close();
    }
}
