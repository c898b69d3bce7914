package dev.agentstream.tools.computer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstream.core.CallScope;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import dev.agentstream.core.view.OutputKind;
import java.awt.Point;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code computer} tool (Anthropic {@code computer_20250124}, plus {@code zoom} from
 * {@code computer_20251124}): screenshots, keyboard and mouse on an X display. Screenshots are captured
 * in-process with {@link java.awt.Robot}, scaled to the resolution the model sees and encoded as PNG, with
 * progress through each phase and an image event carrying its facts; an unchanged screen is not sent
 * twice. Every action except screenshot, cursor_position and zoom answers with a screenshot taken once the
 * screen has settled. Without {@code DISPLAY}, the tool starts its own virtual display (see
 * {@link JvmDisplay} for why there is one display per JVM).
 */
public final class ComputerTool implements Tool {

    public static final String NAME = "computer";
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
              "key":{"type":"string","description":"Modifier keys for clicks and scroll, as computer-use-demo reads them (same as text)."}
            }}""";

    private final ComputerConfig config;
    private final ToolSpec spec;

    public ComputerTool() {
        this(ComputerConfig.defaults());
    }

    public ComputerTool(ComputerConfig config) {
        this.config = config;
        String actions = String.join(",", java.util.Arrays.stream(ComputerAction.values()).map(a -> "\"" + a.wireName() + "\"").toList());
        try {
            JsonNode schema = new ObjectMapper().readTree(SCHEMA.formatted(actions));
            this.spec = new ToolSpec(NAME, description(config), schema, Optional.of(ANTHROPIC_TYPE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String description(ComputerConfig config) {
        Resolution screen = config.displaySize().resolution();
        Resolution model = config.scaling().modelSize(screen);
        String display = config.alwaysStartDisplay() || System.getenv("DISPLAY") == null
                ? "a " + screen + " virtual display (Xvfb)"
                : "the X display " + System.getenv("DISPLAY");
        return "Use the mouse and keyboard and take screenshots of " + display + ". Screenshots are " + model
                + " pixels" + (model.equals(screen) ? "" : " (scaled from " + screen + ")") + " and coordinates are pixels of the screenshot. "
                + "Key names use xdotool syntax (ctrl+s, Return, Page_Down). Every action except screenshot, cursor_position "
                + "and zoom returns a screenshot taken once the screen has settled"
                + (config.cacheUnchanged() ? "; a screen unchanged since the last screenshot is reported in words instead." : ".");
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    /**
     * The X display the tool works on, started (or connected) now if it was not yet: for passing
     * {@code DISPLAY} to programs other tools start, since child processes do not see the one set here.
     */
    public String display() {
        return JvmDisplay.acquire(config.displaySize(), config.alwaysStartDisplay()).name();
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
        ReentrantLock lock = display.lock();
        lock.lockInterruptibly();
        try {
            ScreenMapping mapping = ScreenMapping.of(display.screenSize(), config.scaling());
            CallProgress progress = new CallProgress(scope);
            return switch (input.action()) {
                case SCREENSHOT -> screenshotResult(scope, session, ComputerAction.SCREENSHOT, Optional.empty(),
                        Screenshotter.full(display, mapping, cacheOf(session), progress));
                case ZOOM -> zoom(input.region().orElseThrow(), scope, display, mapping, progress);
                case CURSOR_POSITION -> cursorPosition(new ActionRunner(session, mapping), display);
                default -> act(input, scope, session, mapping, progress);
            };
        } finally {
            try {
                display.keyboard().releaseAll();
                display.mouse().releaseStray();
            } finally {
                lock.unlock();
            }
        }
    }

    private ToolResult act(ComputerInput input, CallScope scope, ComputerSession session, ScreenMapping mapping, CallProgress progress)
            throws InterruptedException {
        String done;
        boolean settled;
        if (input.action() == ComputerAction.WAIT) {
            String seconds = ActionRunner.seconds(input.duration().orElseThrow().toMillis());
            settled = Pause.pause(input.duration().get(), "waiting " + seconds + " s", progress.span(0, 0.8));
            done = "Waited " + seconds + " s.";
        } else {
            done = new ActionRunner(session, mapping).perform(input, progress.span(0, 0.1));
            settled = Pause.pause(config.settleDelay(), "letting the screen settle", progress.span(0.1, 0.8));
        }
        if (!settled || scope.isCancelled()) {
            String cancelled = input.action() == ComputerAction.WAIT
                    ? "The wait was cancelled after " + ActionRunner.seconds(roundToTenth(scope.elapsedMs())) + " s; no screenshot was taken."
                    : done + " The call was cancelled before the screenshot.";
            return ToolResult.text(cancelled).withMetadata(Map.of("action", input.action().wireName()));
        }
        Screenshot shot = Screenshotter.full(session.display(), mapping, cacheOf(session), progress.span(0.8, 1));
        return screenshotResult(scope, session, input.action(), Optional.of(done), shot);
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
                                        Screenshot shot) {
        Map<String, Object> meta = shot.metadata(session.display().name());
        meta.put("action", action.wireName());
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
