package dev.agentstream.tools.computer;

import dev.agentstream.core.ToolInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One key or chord in xdotool's syntax ({@code ctrl+s}, {@code Return}, {@code super}, {@code Page_Down},
 * {@code F5}, {@code KP_0}), resolved to keysyms in the order they are pressed. Names are looked up in
 * Xlib's keysym table, so every name xdotool knows works; common spellings models use ({@code enter},
 * {@code esc}, {@code pagedown}, {@code cmd}) and case slips ({@code return}, {@code f5}) are accepted too.
 */
record KeyCombo(String text, List<Long> keysyms) {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ctrl", "Control_L"), Map.entry("control", "Control_L"),
            Map.entry("alt", "Alt_L"), Map.entry("shift", "Shift_L"), Map.entry("meta", "Meta_L"),
            Map.entry("super", "Super_L"), Map.entry("win", "Super_L"), Map.entry("windows", "Super_L"),
            Map.entry("cmd", "Super_L"), Map.entry("command", "Super_L"),
            Map.entry("enter", "Return"), Map.entry("esc", "Escape"), Map.entry("backspace", "BackSpace"),
            Map.entry("del", "Delete"), Map.entry("ins", "Insert"),
            Map.entry("pageup", "Prior"), Map.entry("page_up", "Prior"), Map.entry("pgup", "Prior"),
            Map.entry("pagedown", "Next"), Map.entry("page_down", "Next"), Map.entry("pgdn", "Next"),
            Map.entry("capslock", "Caps_Lock"), Map.entry("printscreen", "Print"), Map.entry("space", "space"));

    /** Parses a {@code key} text: combos separated by spaces, each pressed and released in turn. */
    static List<KeyCombo> parseSequence(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new ToolInputException("'text' names no key; give an xdotool key name such as Return, ctrl+s or Page_Down.");
        }
        List<KeyCombo> combos = new ArrayList<>();
        for (String combo : trimmed.split("\\s+")) {
            combos.add(parse(combo));
        }
        return combos;
    }

    /** Parses one chord such as {@code ctrl+shift+t}; a literal plus key is {@code plus} (or a trailing {@code +}). */
    static KeyCombo parse(String combo) {
        List<String> names = new ArrayList<>();
        String rest = combo;
        if (rest.equals("+")) {
            names.add("+");
            rest = "";
        } else if (rest.endsWith("++")) {
            names.add("+");
            rest = rest.substring(0, rest.length() - 2);
        }
        List<String> leading = new ArrayList<>();
        if (!rest.isEmpty()) {
            for (String name : rest.split("\\+", -1)) {
                if (name.isEmpty()) {
                    throw new ToolInputException("The key combination '" + combo + "' has an empty key name; write keys like ctrl+s or ctrl+plus.");
                }
                leading.add(name);
            }
        }
        leading.addAll(names);
        List<Long> keysyms = new ArrayList<>();
        for (String name : leading) {
            keysyms.add(keysymOf(name, combo));
        }
        return new KeyCombo(combo, List.copyOf(keysyms));
    }

    private static long keysymOf(String name, String combo) {
        if (name.codePointCount(0, name.length()) == 1) {
            long keysym = Keysyms.forCodePoint(name.codePointAt(0));
            if (keysym != Xlib.NO_SYMBOL) return keysym;
        }
        long keysym = Xlib.keysymOf(name);
        if (keysym != Xlib.NO_SYMBOL) return keysym;
        String lower = name.toLowerCase(Locale.ROOT);
        String alias = ALIASES.get(lower);
        if (alias != null) return Xlib.keysymOf(alias);
        for (String spelling : List.of(capitalised(lower), lower.toUpperCase(Locale.ROOT), lower)) {
            keysym = Xlib.keysymOf(spelling);
            if (keysym != Xlib.NO_SYMBOL) return keysym;
        }
        throw new ToolInputException("Unknown key name '" + name + "'" + (combo.equals(name) ? "" : " in '" + combo + "'")
                + "; use xdotool key names such as Return, Escape, ctrl+s, alt+Tab, super, Page_Down, F5 or KP_0.");
    }

    private static String capitalised(String lower) {
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
