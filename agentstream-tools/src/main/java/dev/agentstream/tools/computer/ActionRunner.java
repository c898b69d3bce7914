package dev.agentstream.tools.computer;

import java.awt.Point;
import java.util.List;
import java.util.Optional;

/**
 * Performs the input actions (keys, typing, pointer, buttons, wheel) on the display, with coordinates
 * mapped from the model's screenshot to the screen, and says in one line what it did, with positions in
 * the model's screenshot pixels. Each action performed is also told to the display's input listeners (see
 * {@link AppliedInput}), saying whether the agent or a person taking over did it.
 */
final class ActionRunner {

    private final ComputerSession session;
    private final Keyboard keyboard;
    private final Mouse mouse;
    private final ScreenMapping coordinates;
    private final ScreenMapping model;
    private final AppliedInput.Actor actor;

    /** The agent's actions: coordinates in the model's screenshot pixels. */
    ActionRunner(ComputerSession session, ScreenMapping mapping) {
        this(session, mapping, mapping, AppliedInput.Actor.AGENT);
    }

    /**
     * Actions whose coordinates {@code coordinates} maps to the screen (the screen itself for a person's
     * clicks), described in the pixels of the model's screenshots ({@code model}).
     */
    ActionRunner(ComputerSession session, ScreenMapping coordinates, ScreenMapping model, AppliedInput.Actor actor) {
        this.session = session;
        this.keyboard = session.display().keyboard();
        this.mouse = session.display().mouse();
        this.coordinates = coordinates;
        this.model = model;
        this.actor = actor;
    }

    String perform(ComputerInput input, CallProgress progress) throws InterruptedException {
        String done = act(input, progress);
        session.display().published(AppliedInput.of(actor, input, done, input.action().usesPointer() ? mouse.position() : null));
        return done;
    }

    private String act(ComputerInput input, CallProgress progress) throws InterruptedException {
        return switch (input.action()) {
            case KEY -> pressKeys(input.keys());
            case HOLD_KEY -> holdKeys(input, progress);
            case TYPE -> type(input.text().orElseThrow(), progress);
            case MOUSE_MOVE -> {
                mouse.moveTo(screenPoint(input.coordinate().orElseThrow(), "coordinate"));
                yield "Moved the pointer to " + describe(input.coordinate().get()) + ".";
            }
            case LEFT_CLICK -> click(input, Mouse.LEFT, 1, "Left-clicked");
            case RIGHT_CLICK -> click(input, Mouse.RIGHT, 1, "Right-clicked");
            case MIDDLE_CLICK -> click(input, Mouse.MIDDLE, 1, "Middle-clicked");
            case DOUBLE_CLICK -> click(input, Mouse.LEFT, 2, "Double-clicked");
            case TRIPLE_CLICK -> click(input, Mouse.LEFT, 3, "Triple-clicked");
            case LEFT_CLICK_DRAG -> drag(input);
            case LEFT_MOUSE_DOWN -> {
                Optional<String> at = moveIfGiven(input);
                mouse.hold(Mouse.LEFT);
                session.holdsLeftButton(true);
                yield "Pressed the left button" + at.orElse("") + " and holds it until left_mouse_up.";
            }
            case LEFT_MOUSE_UP -> {
                Optional<String> at = moveIfGiven(input);
                mouse.letGo(Mouse.LEFT);
                session.holdsLeftButton(false);
                yield "Released the left button" + at.orElse("") + ".";
            }
            case SCROLL -> scroll(input);
            case WAIT, SCREENSHOT, CURSOR_POSITION, ZOOM -> throw new IllegalArgumentException(input.action() + " is not an input action.");
        };
    }

    /** The pointer's position in the model's screenshot pixels. */
    Point pointer() {
        return model.toModel(mouse.position());
    }

    private String pressKeys(List<KeyCombo> combos) {
        for (KeyCombo combo : combos) {
            keyboard.hold(combo.keysyms());
            keyboard.releaseAll();
        }
        return "Pressed " + String.join(" ", combos.stream().map(KeyCombo::text).toList()) + ".";
    }

    private String holdKeys(ComputerInput input, CallProgress progress) throws InterruptedException {
        KeyCombo combo = input.keys().getFirst();
        keyboard.hold(combo.keysyms());
        try {
            Pause.pause(input.duration().orElseThrow(), "holding " + combo.text(), progress);
        } finally {
            keyboard.releaseAll();
        }
        return "Held " + combo.text() + " for " + seconds(input.duration().get().toMillis()) + " s.";
    }

    private String type(String text, CallProgress progress) {
        List<Long> keysyms = TextTyper.keysymsOf(text);
        int total = keysyms.size();
        progress.report("typing 0/" + total + " characters", 0);
        int typed = new TextTyper(keyboard).type(keysyms,
                done -> progress.report("typing " + done + "/" + total + " characters", (double) done / total), progress::cancelled);
        if (typed < total) return "Typed " + typed + " of " + total + " characters before the call was cancelled.";
        return "Typed " + total + " character" + (total == 1 ? "" : "s") + ".";
    }

    private String click(ComputerInput input, int button, int count, String verb) throws InterruptedException {
        Optional<String> at = moveIfGiven(input);
        withModifiers(input, () -> mouse.click(button, count));
        return verb + at.orElse(" at the pointer") + modifierNote(input) + ".";
    }

    private String drag(ComputerInput input) throws InterruptedException {
        Point to = screenPoint(input.coordinate().orElseThrow(), "coordinate");
        Point from = input.startCoordinate().isPresent() ? screenPoint(input.startCoordinate().get(), "start_coordinate") : mouse.position();
        mouse.drag(from, to);
        String start = input.startCoordinate().map(this::describe).orElse("the pointer");
        return "Dragged with the left button from " + start + " to " + describe(input.coordinate().get()) + ".";
    }

    private String scroll(ComputerInput input) throws InterruptedException {
        Optional<String> at = moveIfGiven(input);
        ScrollDirection direction = input.scrollDirection().orElseThrow();
        withModifiers(input, () -> mouse.scroll(direction, input.scrollAmount()));
        return "Scrolled " + direction.wireName() + " " + input.scrollAmount() + " click" + (input.scrollAmount() == 1 ? "" : "s")
                + at.orElse(" at the pointer") + modifierNote(input) + ".";
    }

    private interface MouseWork {
        void run() throws InterruptedException;
    }

    private void withModifiers(ComputerInput input, MouseWork work) throws InterruptedException {
        if (input.modifiers().isEmpty()) {
            work.run();
            return;
        }
        keyboard.hold(input.modifiers().get().keysyms());
        try {
            work.run();
        } finally {
            keyboard.releaseAll();
        }
    }

    private Optional<String> moveIfGiven(ComputerInput input) {
        if (input.coordinate().isEmpty()) return Optional.empty();
        mouse.moveTo(screenPoint(input.coordinate().get(), "coordinate"));
        return Optional.of(" at " + describe(input.coordinate().get()));
    }

    private Point screenPoint(Point given, String field) {
        return coordinates.toScreen(given, field);
    }

    /** A checked coordinate in the model's pixels (for the agent, the coordinate itself: see {@link ScreenMapping}). */
    private String describe(Point given) {
        Point shown = model.toModel(coordinates.toScreen(given, "coordinate"));
        return "(" + shown.x + ", " + shown.y + ")";
    }

    private static String modifierNote(ComputerInput input) {
        return input.modifiers().map(m -> " holding " + m.text()).orElse("");
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
