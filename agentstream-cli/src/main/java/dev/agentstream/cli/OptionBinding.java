package dev.agentstream.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Binds a picocli option to the field that holds its value through a getter and a setter, for options built with
 * picocli's programmatic API. The {@code mcp} door builds its model this way: picocli reading {@code @Option}
 * annotations makes a proxy class per annotation type and a method-handle accessor per field, and the JDK's AOT
 * cache keeps neither, so every MCP client's connect paid for them again.
 */
final class OptionBinding<T> implements IGetter, ISetter {

    private final Supplier<T> getter;
    private final Consumer<T> setter;

    private OptionBinding(Supplier<T> getter, Consumer<T> setter) {
        this.getter = getter;
        this.setter = setter;
    }

    /**
     * An option named {@code names} whose value lives where {@code getter} and {@code setter} reach; its initial value
     * (the one help shows for {@code ${DEFAULT-VALUE}}, and the one picocli resets it to before parsing) is the
     * field's current value, as for an annotated field.
     */
    static <T> OptionSpec.Builder option(Supplier<T> getter, Consumer<T> setter, String... names) {
        OptionBinding<T> binding = new OptionBinding<>(getter, setter);
        return OptionSpec.builder(names).getter(binding).setter(binding).initialValue(getter.get());
    }

    /** A positional parameter whose value lives where {@code getter} and {@code setter} reach, like {@link #option}. */
    static <T> PositionalParamSpec.Builder positional(Supplier<T> getter, Consumer<T> setter) {
        OptionBinding<T> binding = new OptionBinding<>(getter, setter);
        return PositionalParamSpec.builder().getter(binding).setter(binding).initialValue(getter.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
        return (V) getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V value) {
        V previous = get();
        setter.accept((T) value);
        return previous;
    }
}
