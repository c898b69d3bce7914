package dev.agentstream.agent.model;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import dev.agentstream.agent.ModelProblem;
import java.util.List;
import java.util.Optional;

/**
 * The API's answer that a model does not exist or was retired (404 not_found_error on the Messages call), reported
 * as {@link ModelProblem.NotOffered} with the models the API does offer.
 */
public final class UnknownModel {

    private UnknownModel() {}

    /** Whether {@code failure} is the API saying it has no such model. */
    public static boolean is(Throwable failure) {
        return failure instanceof AnthropicServiceException service && !(failure instanceof SseException) && service.statusCode() == 404;
    }

    /** The problem, asking the API which models it offers (left empty if that fails too). */
    public static ModelProblem.NotOffered ask(String model, ModelClient client) {
        Optional<List<String>> offered;
        try {
            offered = Optional.of(client.models().stream().map(OfferedModel::id).toList());
        } catch (RuntimeException e) {
            offered = Optional.empty();
        }
        return new ModelProblem.NotOffered(model, offered);
    }
}
