package dev.agentstream.agent.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generation of a Claude model, read from its name ({@code claude-sonnet-4-5}, {@code claude-opus-4-5-20251101},
 * {@code claude-3-7-sonnet-latest}), because which built-in tool versions and beta headers apply depends on it.
 * Names that do not parse are taken as current models.
 */
record ModelVersion(String family, int major, int minor) {

    private static final Pattern NEW_STYLE = Pattern.compile("claude-(opus|sonnet|haiku)-(\\d+)(?:-(\\d{1,2}))?(?:-|$)");
    private static final Pattern OLD_STYLE = Pattern.compile("claude-(\\d+)(?:-(\\d{1,2}))?-(opus|sonnet|haiku)");

    static ModelVersion of(String model) {
        String name = model.toLowerCase(java.util.Locale.ROOT);
        Matcher m = NEW_STYLE.matcher(name);
        if (m.find()) return new ModelVersion(m.group(1), Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
        m = OLD_STYLE.matcher(name);
        if (m.find()) return new ModelVersion(m.group(3), Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
        return new ModelVersion("unknown", 4, 5);
    }

    boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** Claude 3.x: the older text editor (named str_replace_editor); no interleaved thinking. */
    boolean isClaude3() {
        return major < 4;
    }

    /** Opus 4.5 and later generations take computer_20251124 with its own beta header. */
    boolean usesComputer20251124() {
        return major >= 5 || (family.equals("opus") && atLeast(4, 5));
    }
}
