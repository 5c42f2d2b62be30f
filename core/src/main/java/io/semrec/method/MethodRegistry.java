package io.semrec.method;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every training method's declaration, known to the app without any training code: a method declares
 * itself by producing its {@link MethodSpec} as a bean in core.
 */
@ApplicationScoped
public class MethodRegistry {

    private final List<MethodSpec> specs;

    MethodRegistry(Instance<MethodSpec> declared) {
        this.specs = declared.stream().sorted(Comparator.comparing(MethodSpec::name)).toList();
    }

    /** By name. */
    public List<MethodSpec> all() {
        return specs;
    }

    public Optional<MethodSpec> find(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
