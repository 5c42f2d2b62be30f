package io.semrec.training.textknn;

import io.semrec.evaluation.BatchScorer;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.ModelMetrics;
import io.semrec.training.TrainingContext;
import io.semrec.training.TrainingMethod;
import io.semrec.training.TrainingOutcome;
import io.semrec.training.TrainingSteps;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.TextKnnParameters;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * text-knn as a job: item vectors from item text alone (events are only read to evaluate), ranked
 * through the published vectors and the recency-weighted mean query serving uses.
 */
@ApplicationScoped
public class TextKnnMethod implements TrainingMethod {

    private final TrainingSteps steps;

    TextKnnMethod(TrainingSteps steps) {
        this.steps = steps;
    }

    @Override
    public MethodParameters spec() {
        return TextKnnParameters.SPEC;
    }

    @Override
    public TrainingOutcome train(TrainingContext context) throws Exception {
        InteractionDataset dataset = steps.read(context);
        context.progress().phase(TrainingSteps.TRAIN, 1);
        long start = System.nanoTime();
        TextKnnModel model = TextKnnTrainer.train(dataset.items(), TextKnnConfig.from(context.params()));
        double seconds = (System.nanoTime() - start) / 1e9;
        context.progress().step(1);
        context.checkStop();

        LeaveOneOutSplit split = LeaveOneOutSplit.of(dataset);
        BatchScorer scorer = model.scorer();
        int window = TrainingSteps.historyWindow(context, context.params().getInt(TextKnnParameters.MAX_HISTORY));
        RankingMetrics validation = steps.evaluate(context, TrainingSteps.VALIDATE, dataset.itemCount(), scorer,
                split.validation(), window);
        RankingMetrics test = steps.evaluate(context, TrainingSteps.TEST, dataset.itemCount(), scorer, split.test(),
                window);
        ModelMetrics metrics = new ModelMetrics(validation, test, TrainingSteps.maskSeen(context), seconds, null);
        metrics.report(context.progress(), 0);
        float[][] vectors = model.itemVectors();
        return steps.outcome(context, dataset, TextKnnModel.METRIC, metrics, item -> vectors[item]);
    }
}
