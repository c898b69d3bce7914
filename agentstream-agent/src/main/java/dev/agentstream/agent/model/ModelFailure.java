package dev.agentstream.agent.model;

import dev.agentstream.agent.ModelProblem;
import java.util.Optional;

/**
 * The model could not be reached or refused the request, and retrying will not (or did not) help. {@code problem} is
 * the failure as a problem with the model asked for, when it is one.
 */
public final class ModelFailure extends RuntimeException {

    private final transient ModelProblem problem;

    public ModelFailure(String message, Throwable cause) {
        this(message, cause, Optional.empty());
    }

    public ModelFailure(String message, Throwable cause, Optional<ModelProblem> problem) {
        super(message, cause);
        this.problem = problem.orElse(null);
    }

    public Optional<ModelProblem> problem() {
        return Optional.ofNullable(problem);
    }
}
