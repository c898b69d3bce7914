package dev.agentstream.tools.bash.policy;

import java.util.List;
import java.util.Set;

/**
 * Skips getopt-style options of a known command. Options are described by which short letters and which long
 * names take a value; every other dash word is a flag.
 *
 * @param shortWithValue short option letters that take a value ({@code -n 5} or {@code -n5})
 * @param longWithValue  long option names that take a value ({@code --signal KILL} or {@code --signal=KILL})
 */
record Options(String shortWithValue, Set<String> longWithValue) {

    static final Options FLAGS_ONLY = new Options("", Set.of());

    /** Index of the first operand at or after {@code from}. */
    int firstOperand(List<Word> args, int from) {
        int i = from;
        while (i < args.size()) {
            String a = args.get(i).text();
            if (a.equals("--")) {
                return i + 1;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                return i;
            }
            i += consumed(args, i);
        }
        return i;
    }

    /** How many words the option at {@code i} uses, counting its separate value. */
    int consumed(List<Word> args, int i) {
        String a = args.get(i).text();
        if (a.startsWith("--")) {
            return !a.contains("=") && longWithValue.contains(a.substring(2)) ? 2 : 1;
        }
        for (int j = 1; j < a.length(); j++) {
            if (shortWithValue.indexOf(a.charAt(j)) >= 0) {
                return j == a.length() - 1 ? 2 : 1;
            }
        }
        return 1;
    }

    /** The value of {@code -x VALUE}, {@code -xVALUE}, {@code --long VALUE} or {@code --long=VALUE}; null if absent. */
    String value(List<Word> args, int from, char shortName, String longName) {
        int i = from;
        while (i < args.size()) {
            String a = args.get(i).text();
            if (a.equals("--") || !a.startsWith("-") || a.equals("-")) {
                return null;
            }
            if (longName != null && a.startsWith("--" + longName)) {
                String rest = a.substring(longName.length() + 2);
                if (rest.startsWith("=")) {
                    return rest.substring(1);
                }
                if (rest.isEmpty()) {
                    return i + 1 < args.size() ? args.get(i + 1).text() : null;
                }
            } else if (!a.startsWith("--")) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if (c == shortName) {
                        if (j < a.length() - 1) {
                            return a.substring(j + 1);
                        }
                        return i + 1 < args.size() ? args.get(i + 1).text() : null;
                    }
                    if (shortWithValue.indexOf(c) >= 0) {
                        break;
                    }
                }
            }
            i += consumed(args, i);
        }
        return null;
    }

    /** Whether a short flag cluster before the first operand holds {@code letter}. */
    boolean hasShortFlag(List<Word> args, int from, char letter) {
        int end = firstOperand(args, from);
        for (int i = from; i < end; i += consumed(args, i)) {
            String a = args.get(i).text();
            if (a.startsWith("-") && !a.startsWith("--")) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if (c == letter) {
                        return true;
                    }
                    if (shortWithValue.indexOf(c) >= 0) {
                        break;
                    }
                }
            }
        }
        return false;
    }

    /** The operands, wherever they sit: GNU tools accept options after operands until {@code --}. */
    List<String> operands(List<Word> args) {
        List<String> out = new java.util.ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).text();
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("-") && !a.equals("-")) {
                i += consumed(args, i) - 1;
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
