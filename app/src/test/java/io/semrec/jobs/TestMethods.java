package io.semrec.jobs;

import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** A method declared only in tests, so the job API is tested independently of the real methods. */
@Singleton
public class TestMethods {

    public static final String TOY = "test-toy";
    public static final String REFRESHABLE = "test-refreshable";

    @Produces
    @Singleton
    MethodParameters toy() {
        return new MethodParameters(TOY, "a method for API tests", List.of(
                ParameterSpec.integer("epochs", 10, 1, 100, "passes over the data"),
                ParameterSpec.number("learningRate", 0.001, 0.000001, 1, "step size"),
                ParameterSpec.string("loss", "bce", List.of("bce", "ce"), "training loss")));
    }

    @Produces
    @Singleton
    MethodParameters refreshable() {
        return new MethodParameters(REFRESHABLE, "a method whose models can be refreshed", List.of(
                ParameterSpec.integer("dim", 8, 1, 64, "vector width"))).withRefresh();
    }
}
