package io.semrec.training.sasrec;

import io.semrec.encoder.SasrecEncoder;
import io.semrec.model.ScoreMetric;
import io.semrec.training.ModelMetrics;
import io.semrec.training.StoppingProgress;
import io.semrec.training.TrainingContext;
import io.semrec.training.TrainingMethod;
import io.semrec.training.TrainingOutcome;
import io.semrec.training.TrainingSteps;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.SasrecParameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * SASRec as a job: trains with early stopping on the leave-one-out split, by default refits on all
 * events for the early-stopped number of epochs, and publishes the item embeddings (dot product)
 * with the encoder weights as the artifact {@value #ENCODER_ARTIFACT}, which serving loads. The
 * recorded metrics are those of the evaluated run.
 */
@ApplicationScoped
public class SasrecMethod implements TrainingMethod {

    /** The model artifact holding the encoder ({@link io.semrec.encoder.SasrecWeights#toSafeTensors()}). */
    public static final String ENCODER_ARTIFACT = SasrecEncoder.ARTIFACT;

    private final TrainingSteps steps;

    SasrecMethod(TrainingSteps steps) {
        this.steps = steps;
    }

    @Override
    public MethodParameters spec() {
        return SasrecParameters.SPEC;
    }

    @Override
    public TrainingOutcome train(TrainingContext context) throws Exception {
        InteractionDataset dataset = steps.read(context);
        SasrecParams params = SasrecParams.from(context.params());
        boolean maskSeen = TrainingSteps.maskSeen(context);
        long start = System.nanoTime();
        SasrecResult result = new SasrecTrainer(dataset.itemCount(), params, maskSeen, context.device(),
                StoppingProgress.of(context)).train(LeaveOneOutSplit.of(dataset));
        double seconds = (System.nanoTime() - start) / 1e9;
        result.validation().asMap().forEach((name, value) -> context.progress().metric(
                TrainingSteps.VALIDATE + "." + name, result.bestEpoch(), value));
        result.test().asMap().forEach((name, value) -> context.progress().metric(
                TrainingSteps.TEST + "." + name, result.bestEpoch(), value));
        ModelMetrics metrics = new ModelMetrics(result.validation(), result.test(), maskSeen, seconds,
                result.epochsRun());
        float[][] vectors = result.itemVectors();
        return steps.outcome(context, dataset, ScoreMetric.DOT, metrics, item -> vectors[item],
                Map.of(ENCODER_ARTIFACT, result.encoder().toSafeTensors().toBytes()));
    }
}
