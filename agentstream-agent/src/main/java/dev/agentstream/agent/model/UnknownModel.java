package dev.agentstream.agent.model;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import java.util.List;
import java.util.Optional;

/**
 * The API's answer that a model does not exist or was retired (404 not_found_error on the Messages call),
 * turned into one sentence naming the model, {@code --model} and the models the API does offer.
 */
public final class UnknownModel {

    private UnknownModel() {}

    /** Whether {@code failure} is the API saying it has no such model. */
    public static boolean is(Throwable failure) {
        return failure instanceof AnthropicServiceException service && !(failure instanceof SseException) && service.statusCode() == 404;
    }

    /** The sentence for the person, asking the API which models it offers (said plainly if that fails too). */
    public static String sentence(String model, ModelClient client) {
        Optional<List<OfferedModel>> offered;
        try {
            offered = Optional.of(client.models());
        } catch (RuntimeException e) {
            offered = Optional.empty();
        }
        return sentence(model, offered);
    }

    static String sentence(String model, Optional<List<OfferedModel>> offered) {
        String start = "The API has no model " + model + " (it does not exist or was retired)";
        if (offered.isEmpty()) return start + "; pick another with --model (list them with: agentstream models).";
        if (offered.get().isEmpty()) return start + ", and it lists no models for this key; check the key, then pick one with --model.";
        return start + "; pick one it offers with --model: " + String.join(", ", offered.get().stream().map(OfferedModel::id).toList()) + ".";
    }
}
