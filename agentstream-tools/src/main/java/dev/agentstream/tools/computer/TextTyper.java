package dev.agentstream.tools.computer;

import dev.agentstream.core.ToolInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Types any Unicode text as key events, in chunks: each chunk's characters the keyboard lacks are bound to
 * spare keycodes together, then its keys are tapped, then the server is synced so the next chunk (and a
 * cancellation check) comes after the earlier ones were delivered.
 */
final class TextTyper {

    /** Characters per chunk, as computer-use-demo types them. */
    static final int CHUNK = 50;

    private final Keyboard keyboard;

    TextTyper(Keyboard keyboard) {
        this.keyboard = keyboard;
    }

    /** The keysyms that type {@code text}, one per character; refuses control characters no key types and lone surrogates. */
    static List<Long> keysymsOf(String text) {
        String normalised = text.replace("\r\n", "\n");
        List<Long> keysyms = new ArrayList<>(normalised.length());
        normalised.codePoints().forEach(codePoint -> {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                throw new ToolInputException(String.format("'text' contains U+%04X, half of a surrogate pair without its other half, "
                        + "which is no character; send the text as valid UTF-16 (both halves, or the character itself).", codePoint));
            }
            long keysym = Keysyms.forCodePoint(codePoint);
            if (keysym == Xlib.NO_SYMBOL) {
                throw new ToolInputException(String.format("'text' contains the control character U+%04X, which no key types; remove it.", codePoint));
            }
            keysyms.add(keysym);
        });
        return keysyms;
    }

    /**
     * Types the keysyms; after each chunk {@code progress} gets the number typed so far. Stops early (and
     * returns how many were typed) once {@code cancelled} says so.
     */
    int type(List<Long> keysyms, IntConsumer progress, BooleanSupplier cancelled) {
        int typed = 0;
        while (typed < keysyms.size() && !cancelled.getAsBoolean()) {
            int end = chunkEnd(keysyms, typed);
            List<Long> chunk = keysyms.subList(typed, end);
            keyboard.prepare(chunk);
            try {
                for (long keysym : chunk) keyboard.tap(keysym);
            } finally {
                keyboard.releaseAll();
            }
            typed = end;
            progress.accept(typed);
        }
        return typed;
    }

    /** Up to {@link #CHUNK} characters, fewer when they would need more bindings than spare keycodes exist. */
    private int chunkEnd(List<Long> keysyms, int start) {
        Set<Long> onSpareKeycodes = new LinkedHashSet<>();
        int end = start;
        while (end < keysyms.size() && end - start < CHUNK) {
            long keysym = keysyms.get(end);
            if (keyboard.needsSpareKeycode(keysym) && !onSpareKeycodes.contains(keysym)) {
                if (onSpareKeycodes.size() == keyboard.bindingCapacity()) break;
                onSpareKeycodes.add(keysym);
            }
            end++;
        }
        return Math.max(end, start + 1);
    }
}
