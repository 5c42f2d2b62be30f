package io.semrec.training.recformer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.semrec.artifact.SafeTensors;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.EvaluationSet;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.EarlyStopping;
import io.semrec.training.ProgressReporter;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.recformer.model.RecformerCheckpoints;
import io.semrec.training.recformer.model.RecformerEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Trains Recformer as the paper does, within a CPU budget set by {@link RecformerSettings}:
 * pre-training ({@code L_IIC + w * L_MLM}, one second-half target per sequence per epoch) and two-stage
 * fine-tuning (stage 1 re-encodes every item at the start of each epoch and trains with softmax
 * cross-entropy over all of them; stage 2 freezes the best stage-1 item matrix and keeps training the
 * sequence side), early stopping on validation NDCG@10 of a fixed sample of validation users, with
 * the starting encoder validated as epoch 0 so that fine-tuning keeps it unless it beats it.
 *
 * <p>A stage-1 epoch trains against the item matrix encoded at its start (as the reference code does),
 * but is validated, and kept, with the items re-encoded by the encoder it ends with: queries and items
 * then come from the same weights, as they do when served. (Validating against the matrix of the
 * epoch's start, as the reference does, scored every fine-tuned epoch on amazon-office below the
 * starting encoder, even at a learning rate of 1e-5.) That matrix is the next epoch's training matrix,
 * so this costs one item encoding more per run.
 */
public final class RecformerTrainer {

    /** Phases, counted in steps (pre-training) or epochs (fine-tuning). */
    public static final String PRETRAIN = "pretrain";
    public static final String FINETUNE = "finetune";
    public static final String FINETUNE_FROZEN = "finetune-frozen";
    /** Pre-training loss parts, per step. */
    public static final String PRETRAIN_ITEM_ITEM_LOSS = "pretrain.loss_iic";
    public static final String PRETRAIN_MLM_LOSS = "pretrain.loss_mlm";
    /** Pre-training steps skipped so far for a non-finite loss or gradient, at the step that skipped. */
    public static final String PRETRAIN_SKIPPED_STEPS = "pretrain.skipped_steps";
    /** Sequences per forward pass when encoding without gradient. */
    static final int ENCODE_BATCH = 64;
    /** Dropout and initialiser range of a loaded encoder (MiniLM's). */
    private static final float DROPOUT = 0.1f;
    private static final float INITIALIZER_RANGE = 0.02f;

    private final RecformerSettings settings;
    private final KeyValueTokenizer tokenizer;
    private final int vocabularySize;
    private final Device device;
    private final ProgressReporter progress;
    private final boolean maskSeen;
    private int step;

    /**
     * @param progress phases {@value #PRETRAIN} (steps), {@value #FINETUNE} and {@value #FINETUNE_FROZEN}
     *     (epochs); a reporter may throw (a stopped job) to abort the run, native memory is released
     */
    public RecformerTrainer(RecformerSettings settings, KeyValueTokenizer tokenizer, int vocabularySize, Device device,
            ProgressReporter progress, boolean maskSeen) {
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.vocabularySize = vocabularySize;
        this.device = device;
        this.progress = progress;
        this.maskSeen = maskSeen;
    }

    /** An encoder source reading stored weights. */
    public static Function<NDManager, RecformerEncoder> fromWeights(SafeTensors weights) {
        return manager -> {
            try {
                return RecformerCheckpoints.load(weights, DROPOUT, INITIALIZER_RANGE, manager);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * Pre-trains the encoder from {@code start} on user sequences (item indices into {@code items},
     * oldest first), at most {@link RecformerSettings#pretrainMaxSequences()} of them, sampled once.
     *
     * @return the pre-trained weights
     */
    public SafeTensors pretrain(Function<NDManager, RecformerEncoder> start, ItemTokens[] items, int[][] sequences) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[][] sample = sample(sequences, settings.pretrainMaxSequences(), random);
        SequenceAssembler assembler = assembler(settings.trainTokenBudget());
        WholeWordMasking masking = new WholeWordMasking(settings.mlmProbability(), tokenizer.maskId(), vocabularySize);
        int batchSize = settings.pretrainBatchSize();
        try (RecformerModel model = RecformerModel.create(start, settings.pretrainLr(), settings.seed(),
                settings.threads(), device)) {
            long pairs = Arrays.stream(sample).filter(sequence -> sequence.length >= 2).count();
            int perEpoch = (int) ((pairs + batchSize - 1) / batchSize);
            progress.phase(PRETRAIN, perEpoch * settings.pretrainEpochs());
            int done = 0;
            for (int epoch = 1; epoch <= settings.pretrainEpochs(); epoch++) {
                List<TargetSampling.Example> examples = shuffled(TargetSampling.pretraining(sample, random), random);
                for (int from = 0; from + 1 < examples.size(); from += batchSize) {
                    List<TargetSampling.Example> batch = examples.subList(from, Math.min(examples.size(), from + batchSize));
                    List<WholeWordMasking.Masked> prefixes = new ArrayList<>(batch.size());
                    List<WholeWordMasking.Masked> targets = new ArrayList<>(batch.size());
                    int[] targetIds = new int[batch.size()];
                    for (int b = 0; b < batch.size(); b++) {
                        TargetSampling.Example example = batch.get(b);
                        prefixes.add(masking.mask(assembler.history(items, sample[example.sequence()], example.end()),
                                random));
                        targets.add(masking.mask(assembler.item(items[example.target()]), random));
                        targetIds[b] = example.target();
                    }
                    int skipped = model.skippedSteps();
                    RecformerModel.PretrainLoss loss = model.pretrainStep(prefixes, targets, targetIds, settings.tau(),
                            settings.mlmWeight());
                    progress.metric(PRETRAIN_ITEM_ITEM_LOSS, ++done, loss.itemItem());
                    progress.metric(PRETRAIN_MLM_LOSS, done, loss.maskedLm());
                    if (model.skippedSteps() > skipped) {
                        progress.metric(PRETRAIN_SKIPPED_STEPS, done, model.skippedSteps());
                    }
                    progress.step(done);
                }
            }
            if (done > 0 && model.skippedSteps() == done) {
                throw new IllegalStateException("pre-training diverged: all " + done
                        + " steps had a non-finite loss or gradient; no encoder is stored");
            }
            return model.weights();
        }
    }

    /** Vectors of items encoded alone by the encoder {@code source} builds (no training). */
    public float[][] encodeItems(Function<NDManager, RecformerEncoder> source, ItemTokens[] items) {
        SequenceAssembler assembler = itemAssembler();
        try (RecformerModel model = RecformerModel.create(source, settings.finetuneLr(), settings.seed(),
                settings.threads(), device)) {
            return model.encode(Arrays.stream(items).map(assembler::item).toList(), ENCODE_BATCH);
        }
    }

    /** What fine-tuning kept: the best checkpoint (open; the caller closes it) and its item matrix. */
    public static final class Finetuned implements AutoCloseable {

        private final RecformerModel model;
        private final float[][] itemVectors;
        private final int epochs;
        private final int bestEpoch;

        Finetuned(RecformerModel model, float[][] itemVectors, int epochs, int bestEpoch) {
            this.model = model;
            this.itemVectors = itemVectors;
            this.epochs = epochs;
            this.bestEpoch = bestEpoch;
        }

        /** Published item vectors (CLS of each item alone), by dense index. */
        public float[][] itemVectors() {
            return itemVectors;
        }

        /** Fine-tuning epochs run over both stages; 0 for zero-shot. */
        public int epochs() {
            return epochs;
        }

        /** Epoch of the kept checkpoint (both stages counted together); 0 when it is the starting encoder. */
        public int bestEpoch() {
            return bestEpoch;
        }

        /** Ranks items for histories as serving does, under {@code tokenBudget}. */
        public RecformerScorer scorer(ItemTokens[] items, SequenceAssembler assembler) {
            return new RecformerScorer(model, items, assembler, itemVectors, ENCODE_BATCH);
        }

        public SafeTensors weights() {
            return model.weights();
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Fine-tunes from {@code start} on the split's training sequences with early stopping; with no
     * fine-tuning epochs it only encodes the items (zero-shot).
     */
    public Finetuned finetune(Function<NDManager, RecformerEncoder> start, ItemTokens[] items, LeaveOneOutSplit split) {
        SplittableRandom random = new SplittableRandom(settings.seed() + 1L);
        SequenceAssembler trainAssembler = assembler(settings.trainTokenBudget());
        SequenceAssembler servingAssembler = servingAssembler();
        EvaluationSet validation = sample(split.validation(), settings.validationUsers(), random.split());
        FullRankingEvaluator evaluator = new FullRankingEvaluator(items.length,
                EvaluationOptions.DEFAULTS.withMaskSeen(maskSeen).withHistoryWindow(settings.maxItems()));
        RecformerModel model = RecformerModel.create(start, settings.finetuneLr(), settings.seed(), settings.threads(),
                device, settings.finetuneLayers());
        try {
            List<TokenSequence> itemSequences = Arrays.stream(items).map(trainAssembler::item).toList();
            float[][] bestItems = model.encode(itemSequences, ENCODE_BATCH);
            if (settings.zeroShot()) {
                return new Finetuned(model, bestItems, 0, 0);
            }
            // The starting encoder is epoch 0: fine-tuning replaces it only with a better validated checkpoint.
            // With no validation users every score is 0 and the first fine-tuned epoch is kept; a score that
            // is not a number never counts as a best.
            int epoch = 0;
            EarlyStopping stage1 = new EarlyStopping(settings.patience());
            if (validation.size() > 0) {
                stage1.record(epoch, validate(model, bestItems, items, servingAssembler, validation, evaluator, epoch));
            }
            Map<String, float[]> best = model.snapshot();
            int bestEpoch = epoch;
            progress.phase(FINETUNE, settings.finetuneEpochs());
            float[][] itemMatrix = bestItems;
            for (int e = 1; e <= settings.finetuneEpochs() && !stage1.shouldStop(); e++) {
                trainEpoch(model, itemMatrix, split.trainSequences(), items, trainAssembler, random, ++epoch);
                // Items re-encoded by the encoder just trained: what its queries are served against, and the
                // next epoch's training matrix.
                itemMatrix = model.encode(itemSequences, ENCODE_BATCH);
                double score = validate(model, itemMatrix, items, servingAssembler, validation, evaluator, epoch);
                progress.step(e);
                if (stage1.record(epoch, score)) {
                    best = model.snapshot();
                    bestItems = itemMatrix;
                    bestEpoch = epoch;
                }
            }
            model.restore(best);
            // Stage 2 must beat the best checkpoint so far to replace it.
            EarlyStopping stage2 = new EarlyStopping(settings.patience());
            stage2.record(bestEpoch, stage1.bestScore());
            progress.phase(FINETUNE_FROZEN, settings.frozenEpochs());
            for (int e = 1; e <= settings.frozenEpochs() && !stage2.shouldStop(); e++) {
                trainEpoch(model, bestItems, split.trainSequences(), items, trainAssembler, random, ++epoch);
                double score = validate(model, bestItems, items, servingAssembler, validation, evaluator, epoch);
                progress.step(e);
                if (stage2.record(epoch, score)) {
                    best = model.snapshot();
                    bestEpoch = epoch;
                }
            }
            model.restore(best);
            return new Finetuned(model, bestItems, epoch, bestEpoch);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Trains one epoch against {@code itemMatrix}. */
    private void trainEpoch(RecformerModel model, float[][] itemMatrix, int[][] sequences, ItemTokens[] items,
            SequenceAssembler trainAssembler, SplittableRandom random, int epoch) {
        model.setItemMatrix(itemMatrix);
        List<TargetSampling.Example> examples = epochExamples(sequences, settings.finetuneSequences(), random);
        int batchSize = settings.finetuneBatchSize();
        long start = System.nanoTime();
        int skippedBefore = model.skippedSteps();
        double lossSum = 0;
        int finiteLosses = 0;
        int batches = 0;
        for (int from = 0; from < examples.size(); from += batchSize) {
            List<TargetSampling.Example> batch = examples.subList(from, Math.min(examples.size(), from + batchSize));
            List<TokenSequence> prefixes = new ArrayList<>(batch.size());
            int[] targets = new int[batch.size()];
            for (int b = 0; b < batch.size(); b++) {
                TargetSampling.Example example = batch.get(b);
                prefixes.add(trainAssembler.history(items, sequences[example.sequence()], example.end()));
                targets[b] = example.target();
            }
            float loss = model.finetuneStep(prefixes, targets, settings.tau());
            progress.metric(TrainingMetrics.TRAIN_LOSS, ++step, loss);
            if (Float.isFinite(loss)) {
                lossSum += loss;
                finiteLosses++;
            }
            batches++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int skipped = model.skippedSteps() - skippedBefore;
        if (skipped > 0) {
            progress.metric(TrainingMetrics.SKIPPED_STEPS, epoch, model.skippedSteps());
        }
        if (batches > 0 && skipped == batches) {
            throw new IllegalStateException("fine-tuning epoch " + epoch + " diverged: all " + batches
                    + " steps had a non-finite loss or gradient");
        }
        progress.metric(TrainingMetrics.EPOCH_LOSS, epoch, lossSum / Math.max(1, finiteLosses));
        progress.metric(TrainingMetrics.THROUGHPUT, epoch, examples.size() / seconds);
    }

    /** Validation NDCG@10 of the model as it is, against {@code itemMatrix}, recorded at {@code epoch}. */
    private double validate(RecformerModel model, float[][] itemMatrix, ItemTokens[] items,
            SequenceAssembler servingAssembler, EvaluationSet validation, FullRankingEvaluator evaluator, int epoch) {
        if (validation.size() == 0) {
            return 0;
        }
        RankingMetrics metrics = evaluator.evaluate(
                new RecformerScorer(model, items, servingAssembler, itemMatrix, ENCODE_BATCH), validation);
        progress.metric(TrainingMetrics.VALIDATION_NDCG_10, epoch, metrics.ndcgAt10());
        return metrics.ndcgAt10();
    }

    /** One epoch's examples: a target per sequence, shuffled, the first {@code limit} of them. */
    static List<TargetSampling.Example> epochExamples(int[][] sequences, int limit, SplittableRandom random) {
        List<TargetSampling.Example> examples = shuffled(TargetSampling.finetuning(sequences, random), random);
        return examples.size() <= limit ? examples : examples.subList(0, limit);
    }

    /** How histories are read when evaluating and serving. */
    public SequenceAssembler servingAssembler() {
        return assembler(settings.servingTokenBudget());
    }

    /** How items alone are read, in training and when their vectors are published: as training reads them. */
    public SequenceAssembler itemAssembler() {
        return assembler(settings.trainTokenBudget());
    }

    private SequenceAssembler assembler(int tokenBudget) {
        return new SequenceAssembler(tokenizer.clsId(), settings.maxItems(), tokenBudget);
    }

    private static <T> List<T> shuffled(List<T> values, SplittableRandom random) {
        List<T> copy = new ArrayList<>(values);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }

    /** At most {@code limit} sequences, drawn without replacement (all, in order, when there are fewer). */
    static int[][] sample(int[][] sequences, int limit, SplittableRandom random) {
        if (sequences.length <= limit) {
            return sequences;
        }
        return shuffled(Arrays.asList(sequences), random).subList(0, limit).toArray(int[][]::new);
    }

    /** A fixed sample of at most {@code limit} users of an evaluation set. */
    static EvaluationSet sample(EvaluationSet users, int limit, SplittableRandom random) {
        if (users.size() <= limit) {
            return users;
        }
        List<Integer> order = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            order.add(u);
        }
        List<Integer> chosen = shuffled(order, random).subList(0, limit);
        return new EvaluationSet(chosen.stream().map(u -> users.histories()[u]).toArray(int[][]::new),
                chosen.stream().mapToInt(u -> users.targets()[u]).toArray());
    }
}
