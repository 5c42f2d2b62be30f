package io.semrec.training.spec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The training methods jobs may name, known without any training code (the app has none): every
 * method of {@link TrainingMethods}, plus any {@link MethodParameters} produced as a bean (how tests
 * declare methods of their own).
 */
@ApplicationScoped
public class MethodRegistry {

    private final List<MethodParameters> methods;

    MethodRegistry(Instance<MethodParameters> declared) {
        this.methods = Stream.concat(TrainingMethods.ALL.stream(), declared.stream())
                .sorted(Comparator.comparing(MethodParameters::method)).toList();
    }

    /** By name. */
    public List<MethodParameters> all() {
        return methods;
    }

    public Optional<MethodParameters> find(String method) {
        return methods.stream().filter(m -> m.method().equals(method)).findFirst();
    }
}
