package dev.agentstream.agent;

import java.util.Optional;
import java.util.function.Function;

/**
 * A setting is missing or wrong; the message says which and how to fix it, in one sentence. When the problem
 * is one {@link Setting}'s, {@link #setting()} names it and {@link #message(Function)} words the sentence with
 * each setting called the way the reader knows it (a command-line flag, a form field); {@link #getMessage()}
 * calls them by their config-file keys.
 */
public class AgentConfigException extends RuntimeException {

    /** The settings of a session that a person can get wrong. */
    public enum Setting {
        MODEL("model"), MAX_TOKENS("max_tokens"), MAX_TURNS("max_turns"), THINKING_BUDGET("thinking_budget"), EFFORT("effort"),
        KEEP_SCREENSHOTS("keep_screenshots"), SCREENSHOT_BATCH("screenshot_batch");

        private final String key;

        Setting(String key) {
            this.key = key;
        }

        /** Its key in {@code config.json}. */
        public String key() {
            return key;
        }
    }

    /** A sentence that names settings with whatever names it is given. */
    @FunctionalInterface
    public interface Wording {
        String with(Function<Setting, String> names);
    }

    private final transient Setting setting;
    private final transient Wording wording;

    public AgentConfigException(String message) {
        super(message);
        this.setting = null;
        this.wording = names -> message;
    }

    public AgentConfigException(String message, Throwable cause) {
        super(message, cause);
        this.setting = null;
        this.wording = names -> message;
    }

    public AgentConfigException(Setting setting, Wording wording) {
        super(wording.with(Setting::key));
        this.setting = setting;
        this.wording = wording;
    }

    /** The setting at fault, when the problem is one setting's. */
    public Optional<Setting> setting() {
        return Optional.ofNullable(setting);
    }

    /** The sentence with each setting called by {@code names}. */
    public String message(Function<Setting, String> names) {
        return wording.with(names);
    }
}
