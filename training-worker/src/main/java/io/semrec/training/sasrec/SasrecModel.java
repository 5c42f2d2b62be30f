package io.semrec.training.sasrec;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.semrec.evaluation.BatchScorer;
import io.semrec.training.nn.EngineThreads;
import io.semrec.training.nn.FiniteGradients;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A sequence network (SASRec's, or another over its {@link ItemEmbedding}) with its optimiser on one
 * device: trains batches, scores histories and hands out its weights. Not thread-safe.
 */
public final class SasrecModel implements AutoCloseable {

    /** Adam's second-moment decay of SASRec's reference implementation. */
    private static final float ADAM_BETA2 = 0.98f;
    /** Element-wise gradient clip: a guard against rare spikes. */
    private static final float GRADIENT_CLIP = 5f;

    private final SasrecParams params;
    private final Model model;
    private final SequenceNetwork network;
    private final Trainer trainer;
    private int skippedSteps;

    private SasrecModel(SasrecParams params, Model model, SequenceNetwork network, Trainer trainer) {
        this.params = params;
        this.model = model;
        this.network = network;
        this.trainer = trainer;
    }

    /** Standard deviation the weight initialiser gives a {@code (rows, columns)} matrix (Xavier, Gaussian, average fan). */
    public static double initialStd(long rows, long columns) {
        return Math.sqrt(2.0 / (rows + columns));
    }

    /** A freshly initialised model on {@code device}; the same params and seed give the same initial weights. */
    static SasrecModel create(int itemCount, SasrecParams params, Device device) {
        return create(params, device, () -> new SasrecNetwork(itemCount, params));
    }

    /**
     * A freshly initialised {@code network} on {@code device}, trained with {@code params}' optimiser
     * settings and loss; the network is built after the engine is seeded, so the seed fixes its weights.
     */
    public static SasrecModel create(SasrecParams params, Device device, Supplier<SequenceNetwork> networks) {
        EngineThreads.use(params.threads());
        Engine.getInstance().setRandomSeed(params.seed());
        SequenceNetwork network = networks.get();
        Model model = Model.newInstance("sasrec", device);
        model.setBlock(network);
        DefaultTrainingConfig config = new DefaultTrainingConfig(params.loss().djlLoss())
                .optDevices(new Device[] {device})
                .optInitializer(new XavierInitializer(RandomType.GAUSSIAN, FactorType.AVG, 1), Parameter.Type.WEIGHT)
                .optOptimizer(Adam.builder()
                        .optLearningRateTracker(Tracker.fixed((float) params.lr()))
                        .optBeta2(ADAM_BETA2)
                        .optClipGrad(GRADIENT_CLIP)
                        .build());
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, network.maxHistory()));
        return new SasrecModel(params, model, network, trainer);
    }

    /**
     * One optimisation step over the batch; returns its mean loss. A step whose loss or gradient is not
     * finite is skipped and counted ({@link #skippedSteps()}): on amazon-office one such step in a long
     * refit once turned every weight into NaN.
     */
    public float trainStep(SequenceBatch batch, SplittableRandom random) {
        int positions = batch.size() * batch.length();
        long[] withTarget = new long[positions];
        long[] targets = new long[positions];
        int count = 0;
        for (int p = 0; p < positions; p++) {
            if (batch.targets()[p] != SequenceBatch.PADDING) {
                withTarget[count] = p;
                targets[count++] = batch.targets()[p];
            }
        }
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray tokens = manager.create(batch.inputs(), new Shape(batch.size(), batch.length()));
            NDArray rows = manager.create(Arrays.copyOf(withTarget, count));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray hidden = trainer.forward(new NDList(tokens)).head().reshape(positions, network.dim());
                // Padding positions have no target: only real positions enter the loss.
                NDArray real = Embedding.embedding(rows, hidden, SparseFormat.DENSE).head();
                NDArray mean = params.loss().compute(network, real, Arrays.copyOf(targets, count), random);
                loss = mean.getFloat();
                if (!FiniteGradients.backward(collector, mean, loss, network, manager)) {
                    skippedSteps++;
                    return loss;
                }
            }
            trainer.step();
            return loss;
        }
    }

    /** Optimisation steps skipped so far for a non-finite loss or gradient. */
    public int skippedSteps() {
        return skippedSteps;
    }

    /** Query vectors {@code [history][dim]}: the final hidden state at the newest item. */
    public float[][] queries(int[][] histories) {
        SequenceBatch batch = SequenceBatch.forScoring(histories, params.maxHistory());
        try (NDManager manager = trainer.getManager().newSubManager()) {
            return rows(lastHidden(manager, batch).toFloatArray(), histories.length, network.dim());
        }
    }

    /** Scores every item by dot product with the history's query vector, as serving ranks them. */
    public BatchScorer scorer() {
        return (histories, scoresOut) -> {
            SequenceBatch batch = SequenceBatch.forScoring(histories, params.maxHistory());
            try (NDManager manager = trainer.getManager().newSubManager()) {
                float[] scores = network.itemScores(lastHidden(manager, batch)).toFloatArray();
                int items = network.itemCount();
                for (int row = 0; row < histories.length; row++) {
                    System.arraycopy(scores, row * items, scoresOut[row], 0, items);
                }
            }
        };
    }

    private NDArray lastHidden(NDManager manager, SequenceBatch batch) {
        NDArray tokens = manager.create(batch.inputs(), new Shape(batch.size(), batch.length()));
        return trainer.evaluate(new NDList(tokens)).head().get(":, -1, :");
    }

    /** A copy of every parameter, by parameter id. */
    Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            copy.put(entry.getValue().getId(), entry.getValue().getArray().toFloatArray());
        }
        return copy;
    }

    /** Puts back parameters taken by {@link #snapshot()} from this model. */
    void restore(Map<String, float[]> snapshot) {
        for (Pair<String, Parameter> entry : network.getParameters()) {
            entry.getValue().getArray().set(snapshot.get(entry.getValue().getId()));
        }
    }

    public SequenceNetwork network() {
        return network;
    }

    SasrecParams params() {
        return params;
    }

    static float[][] rows(float[] flat, int count, int width) {
        float[][] rows = new float[count][];
        for (int r = 0; r < count; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
