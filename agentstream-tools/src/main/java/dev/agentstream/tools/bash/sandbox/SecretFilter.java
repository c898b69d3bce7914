package dev.agentstream.tools.bash.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets out of the shell's environment: a model that can run {@code env} must not be able to print
 * the API key the session runs on. Names are matched like Codex CLI's default shell environment policy.
 */
public final class SecretFilter {

    static final List<String> SECRET_WORDS = List.of("KEY", "SECRET", "TOKEN", "PASSWORD");

    private SecretFilter() {}

    public static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    /** {@code environment} without secret-looking names, except those in {@code passedOnPurpose}. */
    public static Map<String, String> withoutSecrets(Map<String, String> environment, Set<String> passedOnPurpose) {
        Map<String, String> kept = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (!looksSecret(name) || passedOnPurpose.contains(name)) kept.put(name, value);
        });
        return kept;
    }
}
