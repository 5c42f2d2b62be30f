package io.semrec.training.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.semrec.training.ProgressReporter;
import io.semrec.training.nn.FiniteGradients;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Next-token training of a whole causal LM on token sequences, with AdamW and held-out perplexity. */
public final class CausalLmTrainer {

    /** Element-wise gradient clip: a guard against the rare spike of a fresh head. */
    private static final float GRADIENT_CLIP = 1f;

    /**
     * @param perplexityBefore held-out perplexity before training (NaN without held-out texts)
     * @param perplexityAfter held-out perplexity after the last epoch
     * @param skippedSteps steps not applied because their loss or a gradient was not finite
     */
    public record Result(double perplexityBefore, double perplexityAfter, int steps, int skippedSteps, long tokens,
            double seconds) {
    }

    private CausalLmTrainer() {
    }

    /**
     * Trains every parameter that requires gradients on {@code train} for {@code settings.epochs()}
     * shuffled passes; reports phase {@code phase} in epochs with {@link LmMetrics}. A step whose loss
     * or gradients are not finite is skipped and counted.
     *
     * @param train, heldOut sequences of at least two tokens ({@link LmTexts#sequences})
     * @throws IllegalStateException when the trained LM's held-out perplexity is not finite, or no
     *     step could be applied: such an LM must not be kept or used
     */
    public static Result train(CausalLm lm, List<long[]> train, List<long[]> heldOut, LmOptions.Adaptation settings,
            long seed, ProgressReporter progress, String phase) {
        Engine.getInstance().setRandomSeed((int) seed);
        Optimizer optimizer = Optimizer.adamW()
                .optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                .optWeightDecays((float) settings.weightDecay())
                .optClipGrad(GRADIENT_CLIP)
                .build();
        SplittableRandom random = new SplittableRandom(seed);
        progress.phase(phase, settings.epochs());
        double before = perplexity(lm, heldOut, settings.batchSize());
        progress.metric(LmMetrics.HELD_OUT_PERPLEXITY, 0, before);
        double after = before;
        int step = 0;
        int skipped = 0;
        long tokens = 0;
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(lm.device())) {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                long epochTokens = 0;
                for (List<long[]> sequences : shuffledBatches(train, settings.batchSize(), random)) {
                    LmBatch batch = LmBatch.forNextToken(sequences, lm.tokenizer().padId());
                    float loss = step(lm, optimizer, batch, manager);
                    progress.metric(LmMetrics.TRAIN_LOSS, ++step, loss);
                    if (Float.isNaN(loss)) {
                        progress.metric(LmMetrics.SKIPPED_STEPS, step, ++skipped);
                    }
                    epochTokens += batch.tokenCount();
                }
                tokens += epochTokens;
                progress.metric(LmMetrics.TOKENS_PER_SECOND, epoch, epochTokens / ((System.nanoTime() - epochStart) / 1e9));
                after = perplexity(lm, heldOut, settings.batchSize());
                progress.metric(LmMetrics.HELD_OUT_PERPLEXITY, epoch, after);
                progress.step(epoch);
            }
        }
        if (step > 0 && skipped == step) {
            throw new IllegalStateException("LM training applied none of its " + step
                    + " steps: every loss or gradient was not finite");
        }
        if (!heldOut.isEmpty() && !Double.isFinite(after)) {
            throw new IllegalStateException("LM training diverged: held-out perplexity " + after + " after "
                    + step + " steps (" + skipped + " skipped)");
        }
        return new Result(before, after, step, skipped, tokens, (System.nanoTime() - start) / 1e9);
    }

    /** exp(mean next-token cross-entropy) over every scored token; NaN for no sequences. */
    public static double perplexity(CausalLm lm, List<long[]> sequences, int batchSize) {
        if (sequences.isEmpty()) {
            return Double.NaN;
        }
        double nats = 0;
        long count = 0;
        try (NDManager manager = NDManager.newBaseManager(lm.device())) {
            for (int from = 0; from < sequences.size(); from += batchSize) {
                LmBatch batch = LmBatch.forNextToken(
                        sequences.subList(from, Math.min(sequences.size(), from + batchSize)), lm.tokenizer().padId());
                try (NDManager step = manager.newSubManager()) {
                    NDArray logits = lm.forwardIds(batch.inputIds(step), batch.mask(step), false);
                    nats += NextTokenLoss.mean(logits, batch.targets()).getFloat() * (double) batch.tokenCount();
                    count += batch.tokenCount();
                }
            }
        }
        return Math.exp(nats / count);
    }

    /**
     * One optimizer step; returns the batch's loss, or NaN when the step was skipped because its loss or
     * a gradient was not finite (one such update turns every weight into NaN for good).
     */
    private static float step(CausalLm lm, Optimizer optimizer, LmBatch batch, NDManager manager) {
        try (NDManager step = manager.newSubManager()) {
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = lm.forwardIds(batch.inputIds(step), batch.mask(step), true);
                NDArray mean = NextTokenLoss.mean(logits, batch.targets());
                loss = mean.getFloat();
                if (!Float.isFinite(loss)) {
                    return Float.NaN;
                }
                collector.backward(mean);
            }
            boolean finite = FiniteGradients.of(lm.block(), step);
            if (finite) {
                for (Pair<String, Parameter> entry : lm.block().getParameters()) {
                    Parameter parameter = entry.getValue();
                    if (parameter.requiresGradient()) {
                        optimizer.update(parameter.getId(), parameter.getArray(), parameter.getArray().getGradient());
                    }
                }
            }
            // Gradients accumulate across backward passes until zeroed.
            FiniteGradients.clear(lm.block());
            return finite ? loss : Float.NaN;
        }
    }

    private static List<List<long[]>> shuffledBatches(List<long[]> sequences, int batchSize, SplittableRandom random) {
        int[] order = IntStream.range(0, sequences.size()).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        List<List<long[]>> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            List<long[]> batch = new ArrayList<>();
            for (int i = from; i < Math.min(order.length, from + batchSize); i++) {
                batch.add(sequences.get(order[i]));
            }
            batches.add(batch);
        }
        return batches;
    }
}
