package dev.agentstream.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many bytes the spool directory's session folders may take together before the oldest are removed:
 * {@value #ENV} (e.g. {@code 500m}, {@code 2g}, {@code 0} for no cap) when set, else the runtime's
 * configured budget ({@value #CONFIG_KEY} in config.json), default {@link #DEFAULT_BYTES}.
 */
record SpoolBudget(long maxBytes) {

    static final String ENV = "AGENTSTREAM_SPOOL_MAX_SIZE";
    static final String CONFIG_KEY = "spool_max_size";
    static final long DEFAULT_BYTES = 2L << 30;
    /** Folders touched this recently may belong to a running session and are never removed for size. */
    static final Duration IN_USE = Duration.ofMinutes(10);

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)i?b?");

    static SpoolBudget unlimited() {
        return new SpoolBudget(Long.MAX_VALUE);
    }

    static SpoolBudget fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, new SpoolBudget(DEFAULT_BYTES));
    }

    /** The environment's budget when it sets one, else {@code configured}. */
    static SpoolBudget fromEnvironment(Map<String, String> env, SpoolBudget configured) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) return configured;
        return parse(value);
    }

    static SpoolBudget parse(String value) {
        return parse(value, ENV + "=" + value);
    }

    /** Reads {@code value}; {@code named} is how an error names it (the variable or the config key with the value). */
    static SpoolBudget parse(String value, String named) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(named + " is not a size; give bytes or a number with k, m, g or t (e.g. 2g), or 0 for no cap.");
        }
        long number;
        try {
            number = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(named + " is too large; give at most a few terabytes (e.g. 2t).");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (number == 0) return unlimited();
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException(named + " is too large; give at most a few terabytes (e.g. 2t).");
        }
        return new SpoolBudget(number << shift);
    }
}
