package dev.agentstream.core.view;

/**
 * Budget for what the model is sent.
 *
 * @param budgetChars the most characters of cleaned output a {@link ModelView} renders (head plus tail); the
 *                    omission marker, when one is needed, comes on top and is a few hundred characters at most
 */
public record ModelViewConfig(int budgetChars) {

    public static final int DEFAULT_BUDGET = 30_000;

    public ModelViewConfig {
        if (budgetChars < 1) throw new IllegalArgumentException("budgetChars must be positive: " + budgetChars);
    }

    public static ModelViewConfig defaults() {
        return new ModelViewConfig(DEFAULT_BUDGET);
    }
}
