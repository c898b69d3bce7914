package dev.agentstream.tools.computer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Presses keys by keysym with XTEST. A keysym on the keyboard is pressed on its keycode (with Shift when it
 * sits in the shifted column); any other keysym, such as a character the layout lacks, is first bound to a
 * spare keycode (one with no keysyms) with XChangeKeyboardMapping, as xdotool does. Bindings are kept and
 * reused, least recently used first out, so typing the same characters again changes no mapping; every
 * mapping change makes each X client reload its keymap, so fewer is better.
 */
final class Keyboard {

    /** How long clients get to reload their keymap after a binding changes, before keys use it. */
    private static final long REBIND_PAUSE_MS = 30;

    record Stroke(int keycode, boolean shift) {}

    private final Xlib xlib;
    private final Deque<Integer> spareKeycodes = new ArrayDeque<>();
    private final LinkedHashMap<Long, Integer> bound = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<Integer> pressed = new LinkedHashSet<>();
    private final int bindingCapacity;
    private long[][] mapping;
    private int keysymsPerKeycode;

    Keyboard(Xlib xlib) {
        this.xlib = xlib;
        reloadMapping();
        for (int i = mapping.length - 1; i >= 0; i--) {
            if (isUnbound(mapping[i])) spareKeycodes.push(xlib.minKeycode() + i);
        }
        this.bindingCapacity = spareKeycodes.size();
    }

    /** How many keysyms the keyboard lacks can be bound at once. */
    int bindingCapacity() {
        return bindingCapacity;
    }

    /** True when the keysym is not on the layout itself, so typing it takes one of the spare keycodes. */
    boolean needsSpareKeycode(long keysym) {
        return bound.containsKey(keysym) || find(keysym) == null;
    }

    /**
     * Makes every keysym pressable, binding the missing ones in one go. Callers keep the number of missing
     * keysyms within {@link #bindingCapacity()}.
     */
    void prepare(Collection<Long> keysyms) {
        List<Long> missing = new ArrayList<>();
        for (long keysym : keysyms) {
            if (find(keysym) == null && !missing.contains(keysym)) missing.add(keysym);
        }
        if (missing.isEmpty()) return;
        if (missing.size() > bindingCapacity) {
            throw new IllegalArgumentException(missing.size() + " keysyms need binding but only " + bindingCapacity + " spare keycodes exist.");
        }
        boolean rebinding = false;
        for (long keysym : missing) {
            Integer keycode = spareKeycodes.poll();
            if (keycode == null) {
                keycode = evictLeastRecentlyUsed(keysyms);
                rebinding = true;
            }
            xlib.changeKeyboardMapping(keycode, bindingFor(keysym));
            bound.put(keysym, keycode);
        }
        xlib.sync();
        reloadMapping();
        if (rebinding) pause();
    }

    /** The keycode (and Shift) that types a keysym; {@link #prepare} must have made it pressable. */
    Stroke stroke(long keysym) {
        Stroke stroke = find(keysym);
        if (stroke == null) throw new IllegalStateException("Keysym 0x" + Long.toHexString(keysym) + " was not prepared.");
        return stroke;
    }

    /** Presses and releases one keysym (with Shift if it needs it). */
    void tap(long keysym) {
        Stroke stroke = stroke(keysym);
        int shift = stroke.shift() ? stroke(Keysyms.SHIFT_L).keycode() : -1;
        if (shift >= 0) press(shift);
        press(stroke.keycode());
        release(stroke.keycode());
        if (shift >= 0) release(shift);
    }

    /**
     * Presses a chord in order (adding Shift before a key that needs it) and waits until the server has the
     * keys down, so input from other clients meanwhile (another program's keys, a click) sees them held;
     * {@link #releaseAll} lets go.
     */
    void hold(List<Long> keysyms) {
        prepare(withShiftIfNeeded(keysyms));
        for (long keysym : keysyms) {
            Stroke stroke = stroke(keysym);
            if (stroke.shift()) press(stroke(Keysyms.SHIFT_L).keycode());
            press(stroke.keycode());
        }
        xlib.sync();
    }

    void press(int keycode) {
        xlib.key(keycode, true);
        pressed.add(keycode);
    }

    void release(int keycode) {
        xlib.key(keycode, false);
        pressed.remove(keycode);
    }

    /** Releases every key still down, last pressed first, and waits until the server has done so. */
    void releaseAll() {
        List<Integer> down = new ArrayList<>(pressed);
        for (int i = down.size() - 1; i >= 0; i--) release(down.get(i));
        xlib.sync();
    }

    /** Unbinds every keycode this keyboard bound, giving the spare keycodes back. */
    void restoreMapping() {
        if (bound.isEmpty()) return;
        for (int keycode : bound.values()) {
            xlib.changeKeyboardMapping(keycode, new long[] {Xlib.NO_SYMBOL, Xlib.NO_SYMBOL});
            spareKeycodes.push(keycode);
        }
        bound.clear();
        xlib.sync();
        reloadMapping();
    }

    private List<Long> withShiftIfNeeded(List<Long> keysyms) {
        List<Long> all = new ArrayList<>(keysyms);
        all.add(Keysyms.SHIFT_L);
        return all;
    }

    private Stroke find(long keysym) {
        Integer boundKeycode = bound.get(keysym);
        if (boundKeycode != null) return new Stroke(boundKeycode, false);
        for (int column = 0; column < Math.min(2, keysymsPerKeycode); column++) {
            for (int i = 0; i < mapping.length; i++) {
                if (mapping[i][column] == keysym) return new Stroke(xlib.minKeycode() + i, column == 1);
            }
        }
        return null;
    }

    private int evictLeastRecentlyUsed(Collection<Long> keep) {
        Iterator<Map.Entry<Long, Integer>> oldest = bound.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<Long, Integer> entry = oldest.next();
            if (!keep.contains(entry.getKey())) {
                oldest.remove();
                // The previous user of this keycode may still be in a client's queue: let it be read first.
                pause();
                return entry.getValue();
            }
        }
        throw new IllegalStateException("No binding can be evicted.");
    }

    /** Both columns get the keysym, so an active Shift does not change what the key types. */
    private long[] bindingFor(long keysym) {
        return new long[] {keysym, keysym};
    }

    private void reloadMapping() {
        mapping = xlib.keyboardMapping();
        keysymsPerKeycode = mapping.length == 0 ? 0 : mapping[0].length;
    }

    private static boolean isUnbound(long[] keysyms) {
        for (long keysym : keysyms) {
            if (keysym != Xlib.NO_SYMBOL) return false;
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(REBIND_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
