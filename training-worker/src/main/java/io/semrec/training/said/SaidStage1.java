package io.semrec.training.said;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.nn.Parameter;
import io.semrec.training.ProgressReporter;
import io.semrec.training.data.ItemTable;
import io.semrec.training.lm.CausalLm;
import io.semrec.training.lm.NextTokenLoss;
import io.semrec.training.nn.EngineThreads;
import io.semrec.training.nn.FiniteGradients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * SAID's stage 1: trains the projector so that a frozen causal LM, given an item's {@code K} soft
 * tokens, reproduces the item's text (teacher-forced cross-entropy over the text tokens only). Only
 * the projector learns; the LM is frozen first and its weights stay bit-identical. Reports per epoch
 * the per-token loss, perplexity and the exact-recovery rate ({@link ExactRecovery}).
 */
final class SaidStage1 implements AutoCloseable {

    /** Progress metric names, step = epoch. */
    static final String LOSS = "stage1.loss";
    static final String PERPLEXITY = "stage1.perplexity";
    static final String RECOVERY = "stage1.recovery";
    static final String STEP_LOSS = "stage1.step_loss";
    static final String SKIPPED_STEPS = "stage1.skipped_steps";

    /** Element-wise gradient clip: a guard against rare spikes. */
    private static final float GRADIENT_CLIP = 5f;

    /** One epoch's measurements. */
    record Epoch(int epoch, double loss, double perplexity, double recovery, double seconds) {
    }

    private final CausalLm lm;
    private final SaidParams params;
    private final ProgressReporter progress;
    private final Model model;
    private final SaidProjector projector;
    private final Trainer trainer;
    private int step;
    private int skippedSteps;

    /**
     * @param items rows of the projector's ID table
     * @param frozenMlp when non-null, the MLP's weights are these and stay fixed: only the ID rows learn
     *     (the cold-start refresh)
     */
    SaidStage1(CausalLm lm, int items, SaidParams params, ProgressReporter progress, ProjectorWeights frozenMlp) {
        this.lm = lm;
        this.params = params;
        this.progress = progress;
        EngineThreads.use(params.threads());
        Engine.getInstance().setRandomSeed(params.seed());
        lm.freeze();
        projector = new SaidProjector(items, params.idDim(), params.projectorHidden(), params.softTokens(),
                lm.embeddingWidth());
        model = Model.newInstance("said-projector", lm.device());
        model.setBlock(projector);
        // The loss is computed outside the trainer (through the LM); DJL wants one to build a trainer.
        DefaultTrainingConfig config = new DefaultTrainingConfig(new L2Loss())
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed((float) params.stage1Lr()))
                        .optClipGrad(GRADIENT_CLIP).build());
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1));
        if (frozenMlp != null) {
            // After newTrainer, which would unfreeze what was frozen before it.
            frozenMlp.loadMlpInto(projector);
            projector.layers.forEach(layer -> layer.freezeParameters(true));
        }
    }

    /** Starts the ID rows where {@code idInit} says (call before training): from text, or as initialised. */
    void startIds(ItemTable items) {
        if (params.textIdInit()) {
            startIdsAt(TextIdStart.rows(items, params.idDim()));
        }
    }

    /** Starts the ID rows of the items with a non-null {@code rows[item]} there. */
    void startIdsAt(float[][] rows) {
        NDArray table = projector.idTable.getArray();
        float[] values = table.toFloatArray();
        int width = Math.toIntExact(table.getShape().get(1));
        for (int item = 0; item < rows.length; item++) {
            if (rows[item] != null) {
                System.arraycopy(rows[item], 0, values, item * width, width);
            }
        }
        table.set(values);
    }

    /**
     * Trains {@code epochs} passes over the items that have text.
     *
     * @param texts each item's text tokens (empty for items without text: they keep their initial rows)
     * @return the epochs' measurements
     * @throws IllegalStateException when an epoch could apply none of its steps (an LM with non-finite
     *     weights, say): its embeddings would be the untrained start, not stage 1's
     */
    List<Epoch> train(long[][] texts) {
        List<Integer> withText = new ArrayList<>();
        for (int item = 0; item < texts.length; item++) {
            if (texts[item].length > 0) {
                withText.add(item);
            }
        }
        int[] recoverySample = sample(withText, params.recoverySample(), params.seed());
        SplittableRandom random = new SplittableRandom(params.seed());
        List<Epoch> epochs = new ArrayList<>();
        progress.phase(SaidMethod.STAGE1, params.stage1Epochs());
        for (int epoch = 1; epoch <= params.stage1Epochs() && !withText.isEmpty(); epoch++) {
            long start = System.nanoTime();
            List<Integer> order = new ArrayList<>(withText);
            Collections.shuffle(order, new Random(random.nextLong()));
            double lossSum = 0;
            long tokens = 0;
            int skippedBefore = skippedSteps;
            for (int from = 0; from < order.size(); from += params.stage1BatchSize()) {
                List<Integer> chunk = order.subList(from, Math.min(from + params.stage1BatchSize(), order.size()));
                SoftPromptBatch batch = batch(chunk, texts);
                float loss = trainStep(batch);
                progress.metric(STEP_LOSS, ++step, loss);
                if (Float.isFinite(loss)) {
                    lossSum += (double) loss * batch.tokenCount();
                    tokens += batch.tokenCount();
                }
            }
            int batches = (order.size() + params.stage1BatchSize() - 1) / params.stage1BatchSize();
            if (skippedSteps - skippedBefore == batches) {
                throw new IllegalStateException("stage 1 epoch " + epoch + " applied none of its steps: every loss or "
                        + "gradient was not finite (LM " + lm.id() + ")");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double meanLoss = lossSum / tokens;
            double recovery = new ExactRecovery(lm, params.recoveryTokens()).rate(this::softTokens, recoverySample,
                    texts);
            Epoch report = new Epoch(epoch, meanLoss, Math.exp(meanLoss), recovery, seconds);
            progress.metric(LOSS, epoch, report.loss());
            progress.metric(PERPLEXITY, epoch, report.perplexity());
            progress.metric(RECOVERY, epoch, report.recovery());
            progress.step(epoch);
            epochs.add(report);
        }
        return epochs;
    }

    private SoftPromptBatch batch(List<Integer> items, long[][] texts) {
        long[] ids = new long[items.size()];
        long[][] batchTexts = new long[items.size()][];
        for (int b = 0; b < ids.length; b++) {
            ids[b] = items.get(b);
            batchTexts[b] = texts[items.get(b)];
        }
        return SoftPromptBatch.of(ids, batchTexts, params.softTokens(), lm.tokenizer().padId());
    }

    /**
     * One optimisation step of the projector; returns the batch's mean loss per text token. A step whose
     * loss or gradient is not finite is skipped (and counted), so one bad batch cannot turn every
     * projector weight into NaN, as was seen once on amazon-office.
     */
    float trainStep(SoftPromptBatch batch) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray ids = manager.create(batch.items());
            NDArray text = manager.create(batch.textIds(), new Shape(batch.size(), batch.textLength()));
            NDArray mask = manager.create(batch.mask(), new Shape(batch.size(), batch.length()));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray prefix = trainer.forward(new NDList(ids)).head();
                NDArray logits = lm.forward(prefix.concat(lm.embed(text), 1), mask, false);
                NDArray mean = NextTokenLoss.mean(logits, batch.targets());
                loss = mean.getFloat();
                if (!FiniteGradients.backward(collector, mean, loss, projector, manager)) {
                    progress.metric(SKIPPED_STEPS, step, ++skippedSteps);
                    return loss;
                }
            }
            trainer.step();
            return loss;
        }
    }

    /** Steps skipped for a non-finite loss or gradient so far. */
    int skippedSteps() {
        return skippedSteps;
    }

    /** The soft tokens of items {@code (B)} on {@code manager}: (B, K, width), no gradient. */
    NDArray softTokens(NDManager manager, long[] items) {
        return trainer.evaluate(new NDList(manager.create(items))).head();
    }

    /** Every item's soft tokens, flattened: {@code [item][K × width]}, the stage-1 item embeddings. */
    float[][] embeddings(int items) {
        int width = params.softTokens() * lm.embeddingWidth();
        float[][] rows = new float[items][];
        int chunk = 512;
        for (int from = 0; from < items; from += chunk) {
            long[] ids = new long[Math.min(chunk, items - from)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = from + i;
            }
            try (NDManager manager = trainer.getManager().newSubManager()) {
                float[] flat = softTokens(manager, ids).toFloatArray();
                for (int i = 0; i < ids.length; i++) {
                    rows[from + i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
                }
            }
        }
        return rows;
    }

    SaidProjector projector() {
        return projector;
    }

    ProjectorWeights weights() {
        return ProjectorWeights.of(projector);
    }

    /** A fixed, seeded sample of at most {@code size} of {@code items}. */
    private static int[] sample(List<Integer> items, int size, long seed) {
        List<Integer> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, Math.min(size, shuffled.size())).stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
