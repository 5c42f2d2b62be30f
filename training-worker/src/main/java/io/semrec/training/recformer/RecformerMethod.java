package io.semrec.training.recformer;

import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.RecformerEncoder;
import io.semrec.encoder.RecformerItemTokens;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.model.PublishedModel;
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
import io.semrec.training.spec.RecformerParameters;
import io.semrec.training.text.PretrainedMiniLm;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recformer as a job: pre-trains (or reuses a stored pre-training), fine-tunes in two stages with
 * early stopping, evaluates the best checkpoint as serving will run it (histories under the serving
 * token budget, cosine against the item vectors), and publishes the item vectors (CLS of each item
 * alone, cosine) with one artifact, {@value RecformerEncoder#ARTIFACT}: the encoder weights and the
 * items' tokens, which is what the serving {@link RecformerEncoder} reads. With no fine-tuning epochs
 * it is zero-shot: items and histories are encoded by the pre-trained encoder from their text alone.
 *
 * <p>No refit on all events (unlike SASRec): the encoder has no per-item parameters, serving reads each
 * user's latest items at request time anyway, and a second fine-tuning would double a CPU budget that
 * already bounds the model. A refresh encodes items added since training with the published encoder.
 */
@ApplicationScoped
public class RecformerMethod implements TrainingMethod {

    /** Model metric: the fine-tuning epoch whose checkpoint was kept, 0 for the starting encoder. */
    public static final String BEST_EPOCH = "best_epoch";

    private final TrainingSteps steps;
    private final RecformerPretraining pretraining;

    RecformerMethod(TrainingSteps steps, RecformerPretraining pretraining) {
        this.steps = steps;
        this.pretraining = pretraining;
    }

    @Override
    public MethodParameters spec() {
        return RecformerParameters.SPEC;
    }

    @Override
    public TrainingOutcome train(TrainingContext context) throws Exception {
        InteractionDataset dataset = steps.read(context);
        RecformerSettings settings = RecformerSettings.from(context.params());
        boolean maskSeen = TrainingSteps.maskSeen(context);
        PretrainedMiniLm miniLm = PretrainedMiniLm.extractTo(PretrainedMiniLm.defaultCacheDir());
        long start = System.nanoTime();
        try (KeyValueTokenizer tokenizer = new KeyValueTokenizer(miniLm.tokenizerFile(), settings.attributes(),
                settings.attributeTokens())) {
            ItemTokens[] items = tokenizer.items(dataset.items());
            LeaveOneOutSplit split = LeaveOneOutSplit.of(dataset);
            RecformerTrainer trainer = new RecformerTrainer(settings, tokenizer, PretrainedMiniLm.CONFIG.vocabSize(),
                    context.device(), StoppingProgress.of(context), maskSeen);
            var pretrained = pretraining.encoder(context, dataset, items, split,
                    settings, trainer, miniLm, tokenizer);
            try (RecformerTrainer.Finetuned finetuned = trainer.finetune(pretrained, items, split)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                RecformerScorer scorer = finetuned.scorer(items, trainer.servingAssembler());
                int window = TrainingSteps.historyWindow(context, settings.maxItems());
                RankingMetrics validation = steps.evaluate(context, TrainingSteps.VALIDATE, dataset.itemCount(),
                        scorer, split.validation(), window);
                RankingMetrics test = steps.evaluate(context, TrainingSteps.TEST, dataset.itemCount(), scorer,
                        split.test(), window);
                ModelMetrics ranking = new ModelMetrics(validation, test, maskSeen, seconds, finetuned.epochs());
                ranking.reportTest(context.progress(), finetuned.bestEpoch());
                Map<String, Object> metrics = new LinkedHashMap<>(ranking.asMap());
                // 0 when no fine-tuned checkpoint validated better than the encoder it started from.
                metrics.put(BEST_EPOCH, finetuned.bestEpoch());
                float[][] vectors = finetuned.itemVectors();
                long[] itemIds = new long[items.length];
                Arrays.setAll(itemIds, item -> dataset.items().internalId(item));
                return steps.outcome(context, dataset, ScoreMetric.COSINE, metrics, item -> vectors[item],
                        Map.of(RecformerEncoder.ARTIFACT, RecformerEncoder.artifact(finetuned.weights(),
                                PublishedItemTokens.of(itemIds, items, tokenizer.clsId())).toBytes()));
            }
        }
    }

    /**
     * Encodes the items the base model has no vector for with its published encoder, from their text
     * alone, and publishes base vectors plus theirs with the extended token artifact.
     */
    @Override
    public TrainingOutcome refresh(TrainingContext context, long baseModelId) throws Exception {
        InteractionDataset dataset = steps.read(context);
        PublishedModel base = steps.baseModel(baseModelId);
        RecformerSettings settings = RecformerSettings.from(RecformerParameters.SPEC.resolve(base.params()));
        float[][] vectors = steps.baseVectors(base, dataset.items());
        SafeTensors artifact = SafeTensors.read(steps.baseArtifact(base, RecformerEncoder.ARTIFACT));
        RecformerItemTokens baseTokens = RecformerItemTokens.fromSafeTensors(artifact);
        SafeTensors encoder = PublishedItemTokens.weights(artifact);
        PretrainedMiniLm miniLm = PretrainedMiniLm.extractTo(PretrainedMiniLm.defaultCacheDir());
        try (KeyValueTokenizer tokenizer = new KeyValueTokenizer(miniLm.tokenizerFile(), settings.attributes(),
                settings.attributeTokens())) {
            NewItems added = NewItems.of(dataset.items(), vectors, tokenizer);
            context.progress().phase(TrainingSteps.TRAIN, 1);
            RecformerTrainer trainer = new RecformerTrainer(settings, tokenizer, PretrainedMiniLm.CONFIG.vocabSize(),
                    context.device(), StoppingProgress.of(context), TrainingSteps.maskSeen(context));
            float[][] encoded = added.isEmpty() ? new float[0][]
                    : trainer.encodeItems(RecformerTrainer.fromWeights(encoder), added.tokens());
            added.fill(vectors, encoded);
            context.progress().step(1);
            RecformerItemTokens tokens = added.extend(baseTokens, dataset.items());
            return steps.refreshOutcome(context, dataset, base, added.size(), item -> vectors[item],
                    Map.of(RecformerEncoder.ARTIFACT, RecformerEncoder.artifact(encoder, tokens).toBytes()));
        }
    }
}
