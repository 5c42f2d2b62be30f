package io.semrec.training.said;

import io.semrec.encoder.SasrecEncoder;
import io.semrec.model.PublishedModel;
import io.semrec.model.ScoreMetric;
import io.semrec.training.ModelMetrics;
import io.semrec.training.ProgressReporter;
import io.semrec.training.StoppingProgress;
import io.semrec.training.TrainingContext;
import io.semrec.training.TrainingMethod;
import io.semrec.training.TrainingOutcome;
import io.semrec.training.TrainingSteps;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.ItemTable;
import io.semrec.training.data.ItemText;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.lm.CausalLm;
import io.semrec.training.sasrec.SasrecArtifact;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.SaidParameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAID as a job. Stage 1 aligns one projector output per item ({@code K} soft tokens) with the
 * catalog's frozen language model; stage 2 trains the downstream sequence model on those frozen
 * embeddings with early stopping and a refit, as SASRec does. Publishes the mapped embeddings as item
 * vectors (dot product; plus the output-bias dimension when learned) with the artifacts
 * {@value #ENCODER_ARTIFACT} (what serving runs), {@value #EMBEDDINGS_ARTIFACT} (the stage-1 item
 * embeddings), {@value ProjectorWeights#ARTIFACT} and {@value FrozenItemFeatures#MAP_ARTIFACT} (what a
 * refresh needs to embed new items).
 */
@ApplicationScoped
public class SaidMethod implements TrainingMethod {

    public static final String ENCODER_ARTIFACT = SasrecEncoder.ARTIFACT;
    public static final String EMBEDDINGS_ARTIFACT = "said_item_embeddings.safetensors";

    /** Progress phases of a SAID job, besides {@link TrainingSteps}'s. */
    static final String ADAPT_LM = "adapt-lm";
    static final String STAGE1 = "stage1";
    static final String STAGE2 = "stage2";

    /** Model metrics of SAID's own, next to {@link ModelMetrics}'. */
    static final String STAGE1_SECONDS = "stage1_s";
    static final String STAGE2_SECONDS = "stage2_s";
    static final String LM_SECONDS = "lm_s";
    static final String LM_ID = "lm";
    static final String STAGE1_LOSS = "stage1_loss";
    static final String STAGE1_PERPLEXITY = "stage1_perplexity";
    static final String RECOVERY = "exact_recovery";
    static final String SKIPPED_STEPS = "stage1_skipped_steps";

    private final TrainingSteps steps;
    private final SaidLanguageModels languageModels;

    SaidMethod(TrainingSteps steps, SaidLanguageModels languageModels) {
        this.steps = steps;
        this.languageModels = languageModels;
    }

    @Override
    public MethodParameters spec() {
        return SaidParameters.SPEC;
    }

    @Override
    public TrainingOutcome train(TrainingContext context) throws Exception {
        InteractionDataset dataset = steps.read(context);
        SaidParams params = SaidParams.from(context.params());
        ProgressReporter progress = StoppingProgress.of(context);
        boolean maskSeen = TrainingSteps.maskSeen(context);
        long start = System.nanoTime();
        Stage1Result stage1 = stage1(dataset.items(), params, context, progress);
        long stage2Start = System.nanoTime();
        SaidStage2.Result stage2 = new SaidStage2(params, context.device())
                .train(stage1.embeddings(), LeaveOneOutSplit.of(dataset), maskSeen, renamed(progress));
        double stage2Seconds = (System.nanoTime() - stage2Start) / 1e9;
        ModelMetrics ranking = new ModelMetrics(stage2.run().validation(), stage2.run().test(), maskSeen,
                (System.nanoTime() - start) / 1e9, stage2.run().epochsRun());
        ranking.report(progress, stage2.run().bestEpoch());
        Map<String, Object> metrics = new LinkedHashMap<>(ranking.asMap());
        metrics.putAll(stage1.metrics());
        metrics.put(STAGE2_SECONDS, stage2Seconds);
        float[][] vectors = stage2.itemVectors();
        Map<String, byte[]> artifacts = Map.of(
                ENCODER_ARTIFACT, stage2.encoderFile(),
                EMBEDDINGS_ARTIFACT, SasrecArtifact.itemVectors(stage1.embeddings(), dataset.items()).toBytes(),
                ProjectorWeights.ARTIFACT, stage1.projector().toBytes(),
                FrozenItemFeatures.MAP_ARTIFACT, stage2.mapFile());
        return steps.outcome(context, dataset, ScoreMetric.DOT, metrics, item -> vectors[item], artifacts);
    }

    /**
     * Embeds the items added since the base model was trained (see {@link SaidRefresh}) and publishes
     * the base vectors plus theirs as a new model; the embeddings artifact grows by their rows, the
     * other artifacts are the base model's.
     */
    @Override
    public TrainingOutcome refresh(TrainingContext context, long baseModelId) throws Exception {
        InteractionDataset dataset = steps.read(context);
        ItemTable items = dataset.items();
        PublishedModel base = steps.baseModel(baseModelId);
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(base.params()));
        ProgressReporter progress = StoppingProgress.of(context);
        float[][] vectors = steps.baseVectors(base, items);
        List<Integer> added = new ArrayList<>();
        List<String> baseTexts = new ArrayList<>();
        List<String> allTexts = itemTexts(items, params.textTemplate());
        for (int item = 0; item < items.size(); item++) {
            if (vectors[item] == null) {
                added.add(item);
            } else {
                baseTexts.add(allTexts.get(item));
            }
        }
        SaidRefresh refresh = new SaidRefresh(params, steps.baseArtifact(base, FrozenItemFeatures.MAP_ARTIFACT));
        Map<Long, float[]> baseEmbeddings = SaidRefresh.embeddingsById(steps.baseArtifact(base, EMBEDDINGS_ARTIFACT));
        Map<Integer, float[]> newEmbeddings = new LinkedHashMap<>();
        if (!added.isEmpty()) {
            ProjectorWeights projector = ProjectorWeights.read(steps.baseArtifact(base, ProjectorWeights.ARTIFACT));
            progress.phase(ADAPT_LM, 0);
            // The base items' texts name the same (cached) LM the base model was trained with.
            try (CausalLm lm = languageModels.load(params, baseTexts, context.device(), progress)) {
                long[][] tokens = tokens(lm, added.stream().map(allTexts::get).toList(), params.tokenBudget());
                float[][] embedded = refresh.embed(lm, projector, tokens, progress);
                float bias = params.outputBias() ? SaidRefresh.meanBias(vectors) : 0;
                for (int n = 0; n < added.size(); n++) {
                    newEmbeddings.put(added.get(n), embedded[n]);
                    vectors[added.get(n)] = refresh.vector(embedded[n], bias);
                }
            }
        }
        float[][] embeddings = SaidRefresh.allEmbeddings(items, baseEmbeddings, newEmbeddings);
        return steps.refreshOutcome(context, dataset, base, added.size(), item -> vectors[item],
                Map.of(EMBEDDINGS_ARTIFACT, SasrecArtifact.itemVectors(embeddings, items).toBytes()));
    }

    /** What stage 1 hands on: the item embeddings, the projector, and what it measured. */
    record Stage1Result(float[][] embeddings, ProjectorWeights projector, Map<String, Object> metrics) {
    }

    private Stage1Result stage1(ItemTable items, SaidParams params, TrainingContext context,
            ProgressReporter progress) {
        List<String> texts = itemTexts(items, params.textTemplate());
        long start = System.nanoTime();
        progress.phase(ADAPT_LM, 0);
        try (CausalLm lm = languageModels.load(params, texts, context.device(), progress)) {
            double lmSeconds = (System.nanoTime() - start) / 1e9;
            long stage1Start = System.nanoTime();
            long[][] tokens = tokens(lm, texts, params.tokenBudget());
            try (SaidStage1 stage1 = new SaidStage1(lm, items.size(), params, progress, null)) {
                stage1.startIds(items);
                List<SaidStage1.Epoch> epochs = stage1.train(tokens);
                float[][] embeddings = requireFinite(stage1.embeddings(items.size()));
                Map<String, Object> metrics = new LinkedHashMap<>();
                metrics.put(SKIPPED_STEPS, stage1.skippedSteps());
                metrics.put(LM_ID, lm.id());
                metrics.put(LM_SECONDS, lmSeconds);
                metrics.put(STAGE1_SECONDS, (System.nanoTime() - stage1Start) / 1e9);
                if (!epochs.isEmpty()) {
                    SaidStage1.Epoch last = epochs.get(epochs.size() - 1);
                    metrics.put(STAGE1_LOSS, last.loss());
                    metrics.put(STAGE1_PERPLEXITY, last.perplexity());
                    metrics.put(RECOVERY, last.recovery());
                }
                return new Stage1Result(embeddings, stage1.weights(), metrics);
            }
        }
    }

    /** Stage 2 cannot learn from non-finite features: fail the job with the reason instead of publishing NaN. */
    private static float[][] requireFinite(float[][] embeddings) {
        for (int item = 0; item < embeddings.length; item++) {
            for (float value : embeddings[item]) {
                if (!Float.isFinite(value)) {
                    throw new IllegalStateException("stage 1 produced a non-finite embedding for item index " + item);
                }
            }
        }
        return embeddings;
    }

    /** Every item's text from the template, in item order. */
    static List<String> itemTexts(ItemTable items, String template) {
        List<String> texts = new ArrayList<>(items.size());
        for (int item = 0; item < items.size(); item++) {
            texts.add(ItemText.fromTemplate(items.attributes(item), template));
        }
        return texts;
    }

    static long[][] tokens(CausalLm lm, List<String> texts, int budget) {
        long[][] tokens = new long[texts.size()][];
        for (int item = 0; item < tokens.length; item++) {
            tokens[item] = lm.tokenizer().encode(texts.get(item), budget);
        }
        return tokens;
    }

    /** Stage 2 reports its training phase as {@value #STAGE2}; the refit keeps its name. */
    private static ProgressReporter renamed(ProgressReporter progress) {
        return new ProgressReporter() {
            @Override
            public void phase(String name, int total) {
                progress.phase("train".equals(name) ? STAGE2 : name, total);
            }

            @Override
            public void step(int done) {
                progress.step(done);
            }

            @Override
            public void metric(String name, int step, double value) {
                progress.metric(name, step, value);
            }
        };
    }
}
