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
import io.semrec.model.PublishedModel;
import io.semrec.model.ScoreMetric;
import io.semrec.training.data.EventSnapshotReader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.ItemTable;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.data.PublishedVectors;
import io.semrec.training.spec.EvaluationParameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
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
    /** The active model, scored on the job's validation split for an {@code if-better} activation. */
    public static final String BASELINE = "baseline";

    /** Keys of {@code model.metrics} a job adds besides {@link ModelMetrics}. */
    public static final String BASELINE_MODEL = "model";
    public static final String REFRESH = "refresh";
    public static final String REFRESH_BASE_MODEL = "base_model";
    public static final String REFRESH_NEW_ITEMS = "new_items";

    private static final String IF_BETTER = "if-better";

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
     * Ranks every item for each user of {@code users} (phase {@code split}) and returns the metrics; null when
     * no user has enough events to be evaluated. The method reports them ({@link ModelMetrics#report}) at the
     * step of the checkpoint it keeps.
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
            ModelMetrics metrics, IntFunction<float[]> vectors) throws SQLException, IOException {
        return outcome(context, dataset, metric, metrics, vectors, Map.of());
    }

    /**
     * As {@link #outcome(TrainingContext, InteractionDataset, ScoreMetric, ModelMetrics, IntFunction)}, with
     * named artifacts. For an {@code if-better} job it first scores the catalog's active model on the
     * same validation split, so the activation compares like with like.
     */
    public TrainingOutcome outcome(TrainingContext context, InteractionDataset dataset, ScoreMetric metric,
            ModelMetrics metrics, IntFunction<float[]> vectors, Map<String, byte[]> artifacts) throws SQLException,
            IOException {
        return outcome(context, dataset, metric, metrics.asMap(), vectors, artifacts);
    }

    /** As above, with the model's metrics as a map: {@link ModelMetrics#asMap()} plus a method's own. */
    public TrainingOutcome outcome(TrainingContext context, InteractionDataset dataset, ScoreMetric metric,
            Map<String, Object> metrics, IntFunction<float[]> vectors, Map<String, byte[]> artifacts)
            throws SQLException, IOException {
        TrainingOutcome.Baseline baseline = IF_BETTER.equals(context.activate()) ? baseline(context, dataset) : null;
        Map<String, Object> measured = new LinkedHashMap<>(metrics);
        if (baseline != null && baseline.modelId() != null) {
            measured.put(BASELINE, Map.of(BASELINE_MODEL, baseline.modelId(), ModelMetrics.VALIDATION,
                    baseline.validation()));
        }
        ModelDraft draft = new ModelDraft(context.catalogId(), context.jobId(), context.params().method(), metric,
                context.params().asMap(), measured, dataset.snapshot().asMap());
        return new TrainingOutcome(connection -> publish(connection, draft, dataset.items(), vectors, artifacts),
                baseline);
    }

    /** The model a refresh job extends; fails the job if it was deleted after the job was queued. */
    public PublishedModel baseModel(long modelId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return PublishedModel.find(connection, modelId).orElseThrow(() -> new IllegalStateException(
                    "the base model " + modelId + " no longer exists"));
        }
    }

    /** The base model's vectors by the dataset's item index; null for items it has none for (new ones). */
    public float[][] baseVectors(PublishedModel base, ItemTable items) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return PublishedVectors.byItemIndex(connection, base, items);
        }
    }

    /** One of the base model's artifacts. */
    public byte[] baseArtifact(PublishedModel base, String name) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            return artifactStore.of(connection, base.id()).require(name, base.method());
        }
    }

    /**
     * The publication of a refreshed model: the base model's parameters, metrics and item vectors plus
     * the vectors of the items it lacked, on the new data snapshot. Artifacts in {@code replaced} take the
     * place of the base model's of the same name; the others are copied. An {@code if-better} refresh
     * becomes active if its base model still is.
     *
     * @param vectors the vector of every item index of the dataset; the base model's for the items it had
     */
    public TrainingOutcome refreshOutcome(TrainingContext context, InteractionDataset dataset, PublishedModel base,
            int newItems, IntFunction<float[]> vectors, Map<String, byte[]> replaced) throws SQLException,
            IOException {
        context.progress().metric(REFRESH + "." + REFRESH_NEW_ITEMS, 0, newItems);
        Map<String, byte[]> artifacts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String name : ArtifactStore.names(connection, base.id())) {
                artifacts.put(name, artifactStore.of(connection, base.id()).require(name, base.method()));
            }
        }
        artifacts.putAll(replaced);
        Map<String, Object> metrics = new LinkedHashMap<>(base.metrics());
        metrics.put(REFRESH, Map.of(REFRESH_BASE_MODEL, base.id(), REFRESH_NEW_ITEMS, newItems));
        ModelDraft draft = new ModelDraft(context.catalogId(), context.jobId(), base.method(), base.metric(),
                base.params(), metrics, dataset.snapshot().asMap());
        TrainingOutcome.Baseline baseline = IF_BETTER.equals(context.activate())
                ? TrainingOutcome.Baseline.replacing(base.id()) : null;
        return new TrainingOutcome(connection -> publish(connection, draft, dataset.items(), vectors, artifacts),
                baseline);
    }

    /** The catalog's active model and its metrics on this job's validation split. */
    private TrainingOutcome.Baseline baseline(TrainingContext context, InteractionDataset dataset)
            throws SQLException, IOException {
        BatchScorer scorer;
        long activeId;
        try (Connection connection = dataSource.getConnection()) {
            Optional<PublishedModel> active = activeModel(connection, context.catalogId());
            if (active.isEmpty()) {
                return TrainingOutcome.Baseline.NONE;
            }
            activeId = active.get().id();
            scorer = PublishedModelScorer.load(connection, active.get(), artifactStore, dataset.items());
        }
        RankingMetrics metrics = evaluate(context, BASELINE, dataset.itemCount(), scorer,
                LeaveOneOutSplit.of(dataset).validation(), context.catalogSettings().historyLengthOrDefault());
        return new TrainingOutcome.Baseline(activeId, metrics == null ? Map.of() : metrics.asMap());
    }

    private static Optional<PublishedModel> activeModel(Connection connection, long catalogId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT active_model_id FROM catalog WHERE id = ?")) {
            select.setLong(1, catalogId);
            try (ResultSet row = select.executeQuery()) {
                Long id = row.next() ? row.getObject(1, Long.class) : null;
                return id == null ? Optional.empty() : PublishedModel.find(connection, id);
            }
        }
    }

    private long publish(Connection connection, ModelDraft draft, ItemTable items, IntFunction<float[]> vectors,
            Map<String, byte[]> artifacts) throws SQLException, IOException {
        long modelId = publisher.publish(connection, draft, itemVectors(items, vectors));
        for (Map.Entry<String, byte[]> artifact : artifacts.entrySet()) {
            artifactStore.put(connection, draft.catalogId(), modelId, artifact.getKey(), artifact.getValue());
        }
        return modelId;
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
