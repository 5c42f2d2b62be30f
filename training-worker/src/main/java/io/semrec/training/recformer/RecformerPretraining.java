package io.semrec.training.recformer;

import ai.djl.ndarray.NDManager;
import io.semrec.artifact.ArtifactsConfig;
import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.TrainingContext;
import io.semrec.training.data.EventSnapshotReader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.data.SnapshotInfo;
import io.semrec.training.recformer.model.RecformerCheckpoints;
import io.semrec.training.recformer.model.RecformerConfig;
import io.semrec.training.recformer.model.RecformerEncoder;
import io.semrec.training.spec.RecformerParameters;
import io.semrec.training.text.PretrainedMiniLm;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Where a Recformer job's encoder comes from before fine-tuning: a stored pre-trained encoder named by
 * {@code pretrainDataset}, or a pre-training (from the warm start) on another catalog named by its slug
 * (all its events) or, by default, on the job's own training split. Pre-trainings are stored in
 * {@link PretrainedEncoders} under a hash of what they read and their parameters, so a repeated one is
 * loaded instead of run, and another catalog's job can name it (zero-shot).
 */
@ApplicationScoped
public class RecformerPretraining {

    private static final Logger LOG = Logger.getLogger(RecformerPretraining.class);
    private static final String FOLDER = "recformer-pretrained";
    private static final String DESCRIPTION_VERSION = "recformer-pretraining v1";

    private final DataSource dataSource;
    private final PretrainedEncoders store;

    RecformerPretraining(DataSource dataSource, ArtifactsConfig artifacts) {
        this.dataSource = dataSource;
        this.store = new PretrainedEncoders(folder(artifacts.dir()));
    }

    /** The shared artifacts folder when there is one, else the worker's cache folder. */
    static Path folder(Optional<Path> artifactsDir) {
        return artifactsDir.orElse(PretrainedMiniLm.defaultCacheDir()).resolve(FOLDER);
    }

    public PretrainedEncoders store() {
        return store;
    }

    /** The encoder fine-tuning starts from (see the class comment). */
    Function<NDManager, RecformerEncoder> encoder(TrainingContext context, InteractionDataset dataset,
            ItemTokens[] items, LeaveOneOutSplit split, RecformerSettings settings, RecformerTrainer trainer,
            PretrainedMiniLm miniLm, KeyValueTokenizer tokenizer) throws SQLException, IOException {
        String source = settings.pretrainDataset();
        if (!source.isEmpty() && PretrainedEncoders.ID.matcher(source).matches()) {
            Optional<SafeTensors> stored = store.find(source);
            if (stored.isPresent()) {
                return RecformerTrainer.fromWeights(stored.get());
            }
        }
        Function<NDManager, RecformerEncoder> start = warmStart(settings, miniLm);
        if (settings.pretrainEpochs() == 0) {
            return start;
        }
        ItemTokens[] pretrainItems = items;
        int[][] sequences = split.trainSequences();
        String data = "catalog " + context.catalogSlug() + " training split, " + snapshot(dataset.snapshot());
        if (!source.isEmpty()) {
            InteractionDataset other = new EventSnapshotReader(dataSource).read(catalogId(source));
            pretrainItems = tokenizer.items(other.items());
            sequences = other.histories();
            data = "catalog " + source + " all events, " + snapshot(other.snapshot());
        }
        String description = description(data, settings);
        String id = PretrainedEncoders.idOf(description);
        Optional<SafeTensors> stored = store.find(id);
        if (stored.isPresent()) {
            LOG.infof("job %d: reusing pre-trained encoder %s", context.jobId(), id);
            return RecformerTrainer.fromWeights(stored.get());
        }
        SafeTensors weights = trainer.pretrain(start, pretrainItems, sequences);
        store.put(id, weights, description);
        LOG.infof("job %d: stored pre-trained encoder %s (%s)", context.jobId(), id, data);
        return RecformerTrainer.fromWeights(weights);
    }

    /** The starting point of pre-training: all-MiniLM-L6-v2's first layers, or a stored encoder. */
    Function<NDManager, RecformerEncoder> warmStart(RecformerSettings settings, PretrainedMiniLm miniLm)
            throws IOException {
        if (RecformerParameters.MINILM.equals(settings.warmStart())) {
            RecformerConfig config = miniLmConfig(settings);
            return manager -> RecformerCheckpoints.warmStartFromMiniLm(config, miniLm, manager);
        }
        SafeTensors stored = store.find(settings.warmStart()).orElseThrow(() -> new IllegalArgumentException(
                RecformerParameters.WARM_START + ": no stored encoder " + settings.warmStart()));
        return RecformerTrainer.fromWeights(stored);
    }

    /** MiniLM's transformer cut to the first {@code layers}, with the positions the token budgets need. */
    static RecformerConfig miniLmConfig(RecformerSettings settings) {
        RecformerConfig full = RecformerConfig.miniLm(Math.max(settings.trainTokenBudget(),
                settings.servingTokenBudget()), settings.maxItems() + 1, settings.window());
        RecformerArchitecture a = full.architecture();
        return new RecformerConfig(new RecformerArchitecture(a.vocabSize(), a.hiddenSize(), settings.layers(),
                a.heads(), a.intermediateSize(), a.maxTokenPositions(), a.positionOffset(), a.itemPositions(),
                a.tokenTypes(), a.attentionWindow(), a.layerNormEps()), full.dropout(), full.initializerRange());
    }

    private long catalogId(String slug) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM catalog WHERE slug = ?")) {
            select.setString(1, slug);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException(RecformerParameters.PRETRAIN_DATASET
                            + ": no catalog or stored pre-trained encoder named " + slug);
                }
                return row.getLong(1);
            }
        }
    }

    private static String snapshot(SnapshotInfo snapshot) {
        return snapshot.eventCount() + " events up to id " + snapshot.maxEventId() + ", " + snapshot.itemCount()
                + " items";
    }

    /** Everything the pre-trained weights depend on. */
    private static String description(String data, RecformerSettings s) {
        return String.join("\n", DESCRIPTION_VERSION, "data: " + data,
                "warmStart: " + s.warmStart() + ", layers " + s.layers() + ", window " + s.window()
                        + ", serving tokens " + s.servingTokenBudget(),
                "items: " + s.attributes() + ", " + s.attributeTokens() + " tokens per attribute, at most "
                        + s.maxItems() + " per sequence, " + s.trainTokenBudget() + " tokens",
                "pretraining: " + s.pretrainEpochs() + " epochs, " + s.pretrainMaxSequences() + " sequences, lr "
                        + s.pretrainLr() + ", batch " + s.pretrainBatchSize() + ", tau " + s.tau() + ", mlm "
                        + s.mlmWeight() + " x " + s.mlmProbability() + ", seed " + s.seed(), "");
    }
}
