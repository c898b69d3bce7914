package dev.agentstream.tools.computer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstream.core.CallLane;
import dev.agentstream.core.CallSummary;
import dev.agentstream.core.CallScope;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolHints;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import dev.agentstream.core.view.OutputKind;
import java.awt.Point;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code computer} tool (Anthropic {@code computer_20250124}, plus {@code zoom} from
 * {@code computer_20251124}): screenshots, keyboard and mouse on an X display. Screenshots are captured
 * in-process through X shared memory (Robot where that is unavailable) with the pointer drawn in, scaled to
 * the resolution the model sees and encoded as PNG, with progress through each phase and an image event
 * carrying its facts; an unchanged screen is not sent twice. Every action except screenshot,
 * cursor_position and zoom answers with a screenshot taken once the screen has stopped changing (see
 * {@link ScreenSettle}). Without {@code DISPLAY}, the tool starts its own virtual display (see
 * {@link JvmDisplay} for why there is one display per JVM).
 */
public final class ComputerTool implements Tool {

    public static final String NAME = "computer";
    /** One screen takes one action at a time. */
    public static final String LANE = "screen";
    public static final String ANTHROPIC_TYPE = "computer_20250124";

    private static final String SCHEMA = """
            {"type":"object","required":["action"],"properties":{
              "action":{"type":"string","enum":[%s],"description":"What to do."},
              "coordinate":{"type":"array","items":{"type":"integer","minimum":0},"minItems":2,"maxItems":2,
                "description":"[x, y] in screenshot pixels: where to move, click or scroll, or where a drag ends."},
              "start_coordinate":{"type":"array","items":{"type":"integer","minimum":0},"minItems":2,"maxItems":2,
                "description":"[x, y] where left_click_drag starts (default: the pointer)."},
              "text":{"type":"string","description":"type: the text (any Unicode). key and hold_key: xdotool key names such as \
            Return, ctrl+s, super, Page_Down, F5 (several separated by spaces for key). Clicks and scroll: modifier keys to hold, \
            such as shift or ctrl+shift."},
              "scroll_direction":{"type":"string","enum":["up","down","left","right"]},
              "scroll_amount":{"type":"integer","minimum":0,"maximum":100,"description":"Wheel clicks to scroll."},
              "duration":{"type":"number","minimum":0,"maximum":100,"description":"Seconds, for wait and hold_key."},
              "region":{"type":"array","items":{"type":"integer","minimum":0},"minItems":4,"maxItems":4,
                "description":"zoom: [x0, y0, x1, y1] in screenshot pixels, shown at the screen's full resolution."},
              "key":{"type":"string","description":"Modifier keys for clicks and scroll, as computer-use-demo reads them (same as text)."},
              "settle":{"type":"number","minimum":0,"maximum":60,"description":"Seconds the screenshot after this action may wait \
            for the screen to stop changing (default %s; 0 takes it at once; screenshot and wait default to 0)."}
            }}""";

    private final ComputerConfig config;
    private final JsonNode schema;
    private volatile ToolSpec spec;
    private volatile boolean describesRunningDisplay;
    private final AtomicReference<CompletableFuture<String>> displayStart = new AtomicReference<>();

    public ComputerTool() {
        this(ComputerConfig.defaults());
    }

    public ComputerTool(ComputerConfig config) {
        this.config = config;
        String actions = String.join(",", java.util.Arrays.stream(ComputerAction.values()).map(a -> "\"" + a.wireName() + "\"").toList());
        try {
            this.schema = new ObjectMapper().readTree(SCHEMA.formatted(actions, ActionRunner.seconds(config.settleLimit().toMillis())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.spec = new ToolSpec(NAME, description(config, JvmDisplay.current(), false), schema, Optional.of(ANTHROPIC_TYPE))
                .withLane(CallLane.always(LANE))
                .withSummary(ComputerTool::summarize)
                .withPresentation("Computer: screen, mouse and keyboard", ToolHints.writes(true, false, true));
    }

    /** What a call does on the screen, in one line: the action, where, and what it types. */
    static String summarize(JsonNode input) {
        JsonNode c = input.path("coordinate");
        String at = c.isArray() && c.size() == 2 ? "(" + c.get(0).asText() + ", " + c.get(1).asText() + ")" : "";
        return CallSummary.join(input.path("action").asText(""), at, input.path("text").asText(""));
    }

    /**
     * What the model is told: the display (named once it is running; while it starts in the background, the
     * shell's DISPLAY is named as the way to reach it), the real screenshot size and how actions settle.
     */
    private static String description(ComputerConfig config, JvmDisplay running, boolean startingForShell) {
        Resolution screen = running != null ? running.screenSize() : config.displaySize().resolution();
        Resolution model = config.scaling().modelSize(screen);
        String display;
        if (running != null) {
            display = "the X display " + running.name() + (running.isVirtual() ? " (a " + screen + " virtual display, Xvfb)" : "")
                    + "; programs started with DISPLAY=" + running.name() + " appear on it";
        } else if (startingForShell) {
            display = "a " + screen + " virtual display (Xvfb) started with this server; programs started from bash appear on it "
                    + "(its DISPLAY is set to this display)";
        } else if (config.alwaysStartDisplay() || System.getenv("DISPLAY") == null) {
            display = "a " + screen + " virtual display (Xvfb), started on first use";
        } else {
            display = "the X display " + System.getenv("DISPLAY");
        }
        return "Use the mouse and keyboard and take screenshots of " + display + ". Screenshots are " + model
                + " pixels" + (model.equals(screen) ? "" : " (scaled from " + screen + ")") + " and show the mouse pointer; "
                + "coordinates are pixels of the screenshot. Key names use xdotool syntax (ctrl+s, Return, Page_Down). "
                + "Every action except screenshot, cursor_position and zoom returns a screenshot taken once the screen has been still for "
                + ActionRunner.seconds(config.settleQuiet().toMillis()) + " s (waiting at most " + ActionRunner.seconds(config.settleLimit().toMillis())
                + " s; 'settle' changes that per call)"
                + (config.cacheUnchanged() ? "; a screen unchanged since the last screenshot is reported in words instead." : ".");
    }

    @Override
    public ToolSpec spec() {
        ToolSpec current = spec;
        if (!describesRunningDisplay) {
            JvmDisplay running = JvmDisplay.current();
            if (running != null) {
                // Once the display runs, its name and real size replace what the configuration predicted.
                current = current.withDescription(description(config, running, false));
                spec = current;
                describesRunningDisplay = true;
            }
        }
        return current;
    }

    /**
     * The X display the tool works on, started (or connected) now if it was not yet: for passing
     * {@code DISPLAY} to programs other tools start, since child processes do not see the one set here.
     */
    public String display() {
        return JvmDisplay.acquire(config.displaySize(), config.alwaysStartDisplay()).name();
    }

    /**
     * Starts the X display in the background (once; later calls get the same start) and gives its name when it
     * runs, so a front door can answer its client at once while Xvfb starts. A computer call made meanwhile
     * waits for the display, as it would for a start of its own. For front doors that give bash this display:
     * until it runs, the description says bash's DISPLAY reaches it.
     */
    public CompletableFuture<String> startDisplayInBackground() {
        CompletableFuture<String> start = new CompletableFuture<>();
        if (!displayStart.compareAndSet(null, start)) return displayStart.get();
        if (JvmDisplay.current() == null) {
            spec = spec.withDescription(description(config, null, true));
        }
        Thread.ofPlatform().daemon().name("computer-display-start").start(() -> {
            try {
                start.complete(display());
            } catch (RuntimeException e) {
                start.completeExceptionally(e);
            }
        });
        return start;
    }

    /** The size of the screenshots the model sees ({@code display_width_px} and {@code display_height_px}). */
    public Resolution modelScreenSize() {
        JvmDisplay display = JvmDisplay.acquire(config.displaySize(), config.alwaysStartDisplay());
        return config.scaling().modelSize(display.screenSize());
    }

    @Override
    public ToolStream execute(ToolCall call, ToolContext context) {
        return ToolStreams.start(call, context, OutputKind.TERMINAL, scope -> {
            try {
                return run(ComputerInput.parse(call.input()), scope);
            } catch (DisplayUnavailableException e) {
                return ToolResult.error(e.getMessage());
            }
        });
    }

    private ToolResult run(ComputerInput input, CallScope scope) throws InterruptedException {
        ComputerSession session = scope.context().session().resource(ComputerSession.KEY, ComputerSession.class,
                () -> new ComputerSession(JvmDisplay.acquire(config.displaySize(), config.alwaysStartDisplay())));
        JvmDisplay display = session.display();
        return display.exclusively(() -> {
            ScreenMapping mapping = ScreenMapping.of(display.screenSize(), config.scaling());
            CallProgress progress = new CallProgress(scope);
            return switch (input.action()) {
                case ZOOM -> zoom(input.region().orElseThrow(), scope, display, mapping, progress);
                case CURSOR_POSITION -> cursorPosition(new ActionRunner(session, mapping), display);
                default -> act(input, scope, session, mapping, progress);
            };
        });
    }

    private ToolResult act(ComputerInput input, CallScope scope, ComputerSession session, ScreenMapping mapping, CallProgress progress)
            throws InterruptedException {
        Optional<String> done;
        boolean finished = true;
        Duration settle;
        CallProgress settling;
        switch (input.action()) {
            case SCREENSHOT -> {
                done = Optional.empty();
                settle = input.settle().orElse(Duration.ZERO);
                settling = progress.span(0, 0.5);
            }
            case WAIT -> {
                String seconds = ActionRunner.seconds(input.duration().orElseThrow().toMillis());
                finished = Pause.pause(input.duration().get(), "waiting " + seconds + " s", progress.span(0, 0.7));
                done = Optional.of("Waited " + seconds + " s.");
                settle = input.settle().orElse(Duration.ZERO);
                settling = progress.span(0.7, 0.8);
            }
            default -> {
                done = Optional.of(new ActionRunner(session, mapping).perform(input, progress.span(0, 0.1)));
                settle = input.settle().orElse(config.settleLimit());
                settling = progress.span(0.1, 0.8);
            }
        }
        Screenshot shot;
        ScreenSettle.Outcome settled = null;
        if (finished && !scope.isCancelled() && settle.isZero()) {
            shot = Screenshotter.full(session.display(), mapping, cacheOf(session), input.action() == ComputerAction.SCREENSHOT ? progress : progress.span(0.8, 1));
        } else if (finished && !scope.isCancelled()) {
            settled = ScreenSettle.await(session.display(), mapping, settle, config.settleQuiet(), settling);
            shot = settled.reason() == ScreenSettle.Reason.CANCELLED ? null
                    : Screenshotter.of(settled.frame(), mapping, cacheOf(session), progress.span(0.8, 1));
        } else {
            shot = null;
        }
        if (shot == null || scope.isCancelled()) {
            String cancelled = input.action() == ComputerAction.WAIT && !finished
                    ? "The wait was cancelled after " + ActionRunner.seconds(roundToTenth(scope.elapsedMs())) + " s; no screenshot was taken."
                    : done.map(d -> d + " ").orElse("") + "The call was cancelled before the screenshot.";
            return ToolResult.text(cancelled).withMetadata(Map.of("action", input.action().wireName()));
        }
        Map<String, Object> settleFacts = new LinkedHashMap<>();
        String settleNote = "";
        if (settled != null) {
            settleFacts.put("settleMs", settled.waitedMs());
            settleFacts.put("settledBy", settled.reason().wireName);
            settleNote = settled.reason() == ScreenSettle.Reason.STILL
                    ? " The screen settled in " + ActionRunner.seconds(roundToTenth(settled.waitedMs())) + " s."
                    : " The screen was still changing after " + ActionRunner.seconds(roundToTenth(settled.waitedMs()))
                      + " s (the settle limit), so this screenshot may catch it mid-change.";
        }
        String note = settleNote;
        return screenshotResult(scope, session, input.action(), done.map(d -> d + note).or(() -> note.isEmpty() ? Optional.empty() : Optional.of(note.strip())),
                shot, settleFacts);
    }

    private ToolResult zoom(ComputerInput.Region region, CallScope scope, JvmDisplay display, ScreenMapping mapping, CallProgress progress) {
        Rectangle area = mapping.regionToScreen(region.x0(), region.y0(), region.x1(), region.y1());
        Screenshot shot = Screenshotter.zoom(display, mapping, area, progress);
        String text = "Region [" + region.x0() + ", " + region.y0() + ", " + region.x1() + ", " + region.y1() + "] at "
                + shot.image() + (shot.image().width() == area.width ? " (the screen's full resolution)." : ".");
        Map<String, Object> meta = shot.metadata(display.name());
        meta.put("action", ComputerAction.ZOOM.wireName());
        meta.put("region", new int[] {region.x0(), region.y0(), region.x1(), region.y1()});
        scope.image("image/png", shot.png(), shot.image().width(), shot.image().height(), Map.copyOf(meta));
        return new ToolResult(List.of(new ContentBlock.Text(text), image(shot)), false, meta);
    }

    private ToolResult cursorPosition(ActionRunner runner, JvmDisplay display) {
        Point p = runner.pointer();
        return ToolResult.text("X=" + p.x + ",Y=" + p.y).withMetadata(Map.of("action", ComputerAction.CURSOR_POSITION.wireName(),
                "x", p.x, "y", p.y, "display", display.name()));
    }

    private ToolResult screenshotResult(CallScope scope, ComputerSession session, ComputerAction action, Optional<String> done,
                                        Screenshot shot, Map<String, Object> settleFacts) {
        Map<String, Object> meta = shot.metadata(session.display().name());
        meta.put("action", action.wireName());
        meta.putAll(settleFacts);
        scope.image("image/png", shot.png(), shot.image().width(), shot.image().height(), Map.copyOf(meta));
        List<ContentBlock> content = new ArrayList<>();
        if (shot.unchanged()) {
            String unchanged = "Screen unchanged since the screenshot " + ActionRunner.seconds(roundToTenth(shot.unchangedForMs())) + " s ago.";
            content.add(new ContentBlock.Text(done.map(d -> d + " ").orElse("") + unchanged));
        } else {
            done.ifPresent(d -> content.add(new ContentBlock.Text(d)));
            content.add(image(shot));
        }
        return new ToolResult(content, false, meta);
    }

    private ScreenshotCache cacheOf(ComputerSession session) {
        return config.cacheUnchanged() ? session.cache() : null;
    }

    private static ContentBlock image(Screenshot shot) {
        return new ContentBlock.ImageData("image/png", Base64.getEncoder().encodeToString(shot.png()));
    }

    private static long roundToTenth(long millis) {
        return Math.round(millis / 100.0) * 100;
    }
}
