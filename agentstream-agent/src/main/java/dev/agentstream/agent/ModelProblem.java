package dev.agentstream.agent;

import java.util.List;
import java.util.Optional;

/**
 * Something wrong with the model a session asked for, as structure: a front door words it with its own controls
 * (the command line names {@code --model} and {@code agentstream models}); {@link #detail()} is a sentence that
 * names no front door's controls, for the transcript and for readers without words of their own.
 */
public sealed interface ModelProblem {

    /** One sentence for the person, naming no front door's controls. */
    String detail();

    /**
     * The API answered that it has no model {@code model} (it does not exist or was retired). {@code offered} is what
     * the API lists instead, empty when that list could not be read.
     */
    record NotOffered(String model, Optional<List<String>> offered) implements ModelProblem {
        public NotOffered {
            offered = offered.map(List::copyOf);
        }

        /** The start every wording of this problem shares. */
        public String what() {
            return "The API has no model " + model + " (it does not exist or was retired)";
        }

        @Override
        public String detail() {
            if (offered.isEmpty()) return what() + "; the models it offers could not be listed.";
            if (offered.get().isEmpty()) return what() + ", and it lists no models for this key; check the key.";
            return what() + "; the models it offers: " + String.join(", ", offered.get()) + ".";
        }
    }

    /** The model table says {@code model} was retired (on {@code retiredOn}, when the table knows). */
    record Retired(String model, Optional<String> retiredOn) implements ModelProblem {
        public String what() {
            return model + " was retired" + retiredOn.map(d -> " on " + d).orElse("")
                    + " (Anthropic's model deprecations page), so the API will likely refuse it";
        }

        @Override
        public String detail() {
            return what() + "; pick a current model.";
        }
    }

    /**
     * The API refused the request over the model asked for: 403, the key may not use this model (or a feature of the
     * request); 404 outside the model's own refusal, nothing at the address asked (a wrong model or base URL).
     * {@code apiMessage} is what it said.
     */
    record Refused(int status, String apiMessage) implements ModelProblem {
        public String what() {
            return status == 403 ? "The API key may not use this model or feature (403: " + apiMessage + ")"
                    : "The API did not find what was asked for (" + status + ": " + apiMessage + ")";
        }

        @Override
        public String detail() {
            return what() + (status == 403 ? "; check the key's permissions or pick another model."
                    : "; check the model name and the API's base URL (ANTHROPIC_BASE_URL).");
        }
    }
}
