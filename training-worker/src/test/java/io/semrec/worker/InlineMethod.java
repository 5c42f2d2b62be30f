package io.semrec.worker;

import io.semrec.training.spec.MethodParameters;
import io.semrec.training.TrainingContext;
import io.semrec.training.TrainingMethod;
import io.semrec.training.TrainingOutcome;
import java.util.List;
import java.util.UUID;

/** A parameterless test trainer under a unique name, for pools a test builds itself (the worker's own pool never claims its jobs). */
public record InlineMethod(MethodParameters spec, Trainer trainer) implements TrainingMethod {

    /** The training body. */
    @FunctionalInterface
    public interface Trainer {
        TrainingOutcome train(TrainingContext context) throws Exception;
    }

    public static InlineMethod named(String prefix, Trainer trainer) {
        return new InlineMethod(new MethodParameters(prefix + "-" + UUID.randomUUID(), "inline test trainer", List.of()), trainer);
    }

    @Override
    public TrainingOutcome train(TrainingContext context) throws Exception {
        return trainer.train(context);
    }
}
