package io.semrec.training.spec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every training method's declaration, known without any training code (the app has none): a
 * method declares itself by producing its {@link MethodParameters} as a bean in core.
 */
@ApplicationScoped
public class MethodRegistry {

    private final List<MethodParameters> methods;

    MethodRegistry(Instance<MethodParameters> declared) {
        this.methods = declared.stream().sorted(Comparator.comparing(MethodParameters::method)).toList();
    }

    /** By name. */
    public List<MethodParameters> all() {
        return methods;
    }

    public Optional<MethodParameters> find(String method) {
        return methods.stream().filter(m -> m.method().equals(method)).findFirst();
    }
}
