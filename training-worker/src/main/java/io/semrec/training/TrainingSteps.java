package io.semrec.training;

import io.semrec.artifact.ArtifactStore;
import io.semrec.evaluation.BatchScorer;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.EvaluationSet;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.model.ItemVector;
import io.semrec.model.ModelDraft;
import io.semrec.model.ModelPublisher;
import io.semrec.model.ScoreMetric;
import io.semrec.training.data.EventSnapshotReader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.ItemTable;
import io.semrec.training.spec.EvaluationParameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * The steps every trained method's job shares: read the catalog's snapshot, rank the leave-one-out
 * targets with the model as it will be served, and publish its item vectors with what was measured.
 */
@ApplicationScoped
public class TrainingSteps {

    /** Progress phases, in the order a job goes through them. */
    public static final String READ = "read";
    public static final String TRAIN = "train";
    public static final String VALIDATE = "validation";
    public static final String TEST = "test";

    private final DataSource dataSource;
    private final ModelPublisher publisher;
    private final ArtifactStore artifactStore;

    TrainingSteps(DataSource dataSource, ModelPublisher publisher, ArtifactStore artifactStore) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.artifactStore = artifactStore;
    }

    /** The catalog's items and histories as one consistent snapshot. */
    public InteractionDataset read(TrainingContext context) throws SQLException {
        context.progress().phase(READ, 0);
        InteractionDataset dataset = new EventSnapshotReader(dataSource).read(context.catalogId());
        context.checkStop();
        return dataset;
    }

    /**
     * Ranks every item for each user of {@code users} (phase {@code split}), reports the metrics as
     * {@code <split>.<metric>} and returns them; null when no user has enough events to be evaluated.
     *
     * @param historyWindow most recent history items the model sees, as serving does
     */
    public RankingMetrics evaluate(TrainingContext context, String split, int itemCount, BatchScorer scorer,
            EvaluationSet users, int historyWindow) {
        context.progress().phase(split, users.size());
        if (users.size() == 0) {
            return null;
        }
        EvaluationOptions options = EvaluationOptions.DEFAULTS
                .withMaskSeen(maskSeen(context))
                .withHistoryWindow(historyWindow)
                .withThreads(Math.max(1, context.threads()));
        RankingMetrics metrics = new FullRankingEvaluator(itemCount, options).evaluate(scorer, users);
        context.progress().step(users.size());
        metrics.asMap().forEach((name, value) -> context.progress().metric(split + "." + name, 0, value));
        context.checkStop();
        return metrics;
    }

    /** The serving history length, further limited by a method's own window when it has one. */
    public static int historyWindow(TrainingContext context, int methodWindow) {
        return Math.min(context.catalogSettings().historyLengthOrDefault(), methodWindow);
    }

    public static boolean maskSeen(TrainingContext context) {
        return context.params().getBoolean(EvaluationParameters.MASK_SEEN);
    }

    /**
     * The publication of one vector per catalog item, recorded with the job's parameters, the data
     * snapshot and {@code metrics}.
     *
     * @param vectors the vector of item index i (into the dataset's items)
     */
    public TrainingOutcome outcome(TrainingContext context, InteractionDataset dataset, ScoreMetric metric,
            ModelMetrics metrics, IntFunction<float[]> vectors) {
        return outcome(context, dataset, metric, metrics, vectors, Map.of());
    }

    /** As {@link #outcome(TrainingContext, InteractionDataset, ScoreMetric, ModelMetrics, IntFunction)}, with named artifacts. */
    public TrainingOutcome outcome(TrainingContext context, InteractionDataset dataset, ScoreMetric metric,
            ModelMetrics metrics, IntFunction<float[]> vectors, Map<String, byte[]> artifacts) {
        return outcome(context, dataset, metric, metrics.asMap(), vectors, artifacts);
    }

    /** As above, with the model's metrics as a map: {@link ModelMetrics#asMap()} plus a method's own. */
    public TrainingOutcome outcome(TrainingContext context, InteractionDataset dataset, ScoreMetric metric,
            Map<String, Object> metrics, IntFunction<float[]> vectors, Map<String, byte[]> artifacts) {
        ModelDraft draft = new ModelDraft(context.catalogId(), context.jobId(), context.params().method(), metric,
                context.params().asMap(), metrics, dataset.snapshot().asMap());
        return new TrainingOutcome(connection -> {
            long modelId = publisher.publish(connection, draft, itemVectors(dataset.items(), vectors));
            for (Map.Entry<String, byte[]> artifact : artifacts.entrySet()) {
                artifactStore.put(connection, context.catalogId(), modelId, artifact.getKey(), artifact.getValue());
            }
            return modelId;
        });
    }

    private static Iterator<ItemVector> itemVectors(ItemTable items, IntFunction<float[]> vectors) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < items.size();
            }

            @Override
            public ItemVector next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int item = next++;
                return new ItemVector(items.internalId(item), vectors.apply(item));
            }
        };
    }
}
