package dev.agentstream.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Fills {@link AgentSettings} from, lowest precedence first: the defaults, {@code config.json} in the
 * agentstream home, and the environment ({@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}). Command
 * line flags go on top of the returned builder.
 */
public final class SettingsLoader {

    private static final Set<String> KNOWN_KEYS = Set.of("api_key", "base_url", "model", "max_tokens", "max_turns",
            "system", "thinking_budget", "effort", "keep_screenshots", "screenshot_batch", "display_width", "display_height", "max_retries",
            "spool_max_size");

    private SettingsLoader() {}

    public static AgentSettings.Builder load() {
        return load(System.getenv());
    }

    public static AgentSettings.Builder load(Map<String, String> env) {
        AgentHome home = AgentHome.fromEnvironment(env);
        AgentSettings.Builder settings = AgentSettings.builder().home(home);
        applyConfigFile(settings, home.configFile());
        String key = env.get("ANTHROPIC_API_KEY");
        if (key != null && !key.isBlank()) settings.apiKey(key);
        String baseUrl = env.get("ANTHROPIC_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) settings.baseUrl(baseUrl);
        return settings;
    }

    /**
     * config.json's spool budget ({@code "spool_max_size": "500m"}) as written, or empty when the file or the key is
     * missing: every front door reads it, `tool` and `mcp` nothing else from the file.
     *
     * @throws AgentConfigException when the file is not one JSON object
     */
    public static java.util.Optional<String> spoolMaxSize(Path file) {
        if (!Files.isRegularFile(file)) return java.util.Optional.empty();
        return text(read(file), "spool_max_size");
    }

    static void applyConfigFile(AgentSettings.Builder settings, Path file) {
        if (!Files.isRegularFile(file)) return;
        JsonNode config = read(file);
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN_KEYS.contains(name)) {
                throw new AgentConfigException(file + " has an unknown key \"" + name + "\"; the keys are " + String.join(", ", KNOWN_KEYS.stream().sorted().toList()) + ".");
            }
        }
        text(config, "api_key").ifPresent(settings::apiKey);
        text(config, "base_url").ifPresent(settings::baseUrl);
        text(config, "model").ifPresent(settings::model);
        text(config, "system").ifPresent(settings::extraSystemPrompt);
        number(config, "max_tokens", file).ifPresent(settings::maxTokens);
        number(config, "max_turns", file).ifPresent(settings::maxTurns);
        number(config, "thinking_budget", file).ifPresent(settings::thinkingBudget);
        text(config, "effort").ifPresent(settings::effort);
        number(config, "keep_screenshots", file).ifPresent(settings::keepScreenshots);
        number(config, "screenshot_batch", file).ifPresent(settings::screenshotBatch);
        var width = number(config, "display_width", file);
        var height = number(config, "display_height", file);
        if (width.isPresent() || height.isPresent()) settings.display(width.orElse(1024), height.orElse(768));
        number(config, "max_retries", file).ifPresent(n -> settings.retry(new AgentSettings.RetrySettings(n,
                AgentSettings.RetrySettings.defaults().baseDelay(), AgentSettings.RetrySettings.defaults().maxDelay())));
    }

    private static JsonNode read(Path file) {
        JsonNode config;
        try {
            config = EventJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AgentConfigException("Cannot read " + file + " (" + ErrorText.of(e) + "); fix the JSON or delete the file.", e);
        }
        if (config == null || !config.isObject()) {
            throw new AgentConfigException(file + " must hold one JSON object, e.g. {\"model\": \"" + AgentSettings.DEFAULT_MODEL + "\"}.");
        }
        return config;
    }

    private static java.util.Optional<String> text(JsonNode config, String key) {
        JsonNode value = config.get(key);
        return value == null || value.isNull() ? java.util.Optional.empty() : java.util.Optional.of(value.asText());
    }

    private static java.util.Optional<Integer> number(JsonNode config, String key, Path file) {
        JsonNode value = config.get(key);
        if (value == null || value.isNull()) return java.util.Optional.empty();
        if (!value.canConvertToInt()) {
            throw new AgentConfigException("\"" + key + "\" in " + file + " must be a whole number, got " + value + ".");
        }
        return java.util.Optional.of(value.asInt());
    }
}
