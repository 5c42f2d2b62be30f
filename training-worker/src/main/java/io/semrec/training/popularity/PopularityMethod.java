package io.semrec.training.popularity;

import io.semrec.evaluation.RankingMetrics;
import io.semrec.model.ScoreMetric;
import io.semrec.training.ModelMetrics;
import io.semrec.training.TrainingContext;
import io.semrec.training.TrainingMethod;
import io.semrec.training.TrainingOutcome;
import io.semrec.training.TrainingSteps;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.PopularityParameters;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Popularity as a job. Each target is ranked by the counts of what precedes it; the published model
 * counts every event. Its item vectors are one wide, {@code [log(1 + count)]}, and serving queries
 * them with {@code [1]} by dot product, so it serves the most frequent available items through the
 * same API as any model.
 */
@ApplicationScoped
public class PopularityMethod implements TrainingMethod {

    private final TrainingSteps steps;

    PopularityMethod(TrainingSteps steps) {
        this.steps = steps;
    }

    @Override
    public MethodParameters spec() {
        return PopularityParameters.SPEC;
    }

    @Override
    public TrainingOutcome train(TrainingContext context) throws Exception {
        InteractionDataset dataset = steps.read(context);
        LeaveOneOutSplit split = LeaveOneOutSplit.of(dataset);
        int items = dataset.itemCount();
        int window = TrainingSteps.historyWindow(context, Integer.MAX_VALUE);
        RankingMetrics validation = steps.evaluate(context, TrainingSteps.VALIDATE, items,
                PopularityModel.fit(split.trainSequences(), items), split.validation(), window);
        RankingMetrics test = steps.evaluate(context, TrainingSteps.TEST, items,
                PopularityModel.fit(split.trainAndValidationSequences(), items), split.test(), window);

        context.progress().phase(TrainingSteps.TRAIN, 1);
        long start = System.nanoTime();
        PopularityModel published = PopularityModel.fit(split.allSequences(), items);
        double seconds = (System.nanoTime() - start) / 1e9;
        context.progress().step(1);
        ModelMetrics metrics = new ModelMetrics(validation, test, TrainingSteps.maskSeen(context), seconds, null);
        metrics.report(context.progress(), 0);
        return steps.outcome(context, dataset, ScoreMetric.DOT, metrics,
                item -> new float[] {(float) Math.log1p(published.count(item))});
    }
}
