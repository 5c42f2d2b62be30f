package io.semrec.training.recformer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.semrec.artifact.SafeTensors;
import io.semrec.training.nn.FiniteGradients;
import io.semrec.training.recformer.model.RecformerCheckpoints;
import io.semrec.training.recformer.model.RecformerEncoder;
import io.semrec.training.recformer.model.RecformerInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A Recformer encoder with its optimiser on one device: pre-training and fine-tuning steps (a step
 * whose loss or gradient is not finite is skipped and counted), CLS vectors without gradient,
 * checkpoints. Not thread-safe, except {@link #encode}, which callers may share between evaluation
 * threads (it holds a lock).
 */
final class RecformerModel implements AutoCloseable {

    /** Element-wise gradient clip: a guard against rare spikes. */
    private static final float GRADIENT_CLIP = 5f;
    private static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    private static final String LAYER_PREFIX = "encoder.layer.";

    private final Model model;
    private final RecformerEncoder encoder;
    private final Trainer trainer;
    private NDManager itemMatrixManager;
    /** The fine-tuning item matrix as unit columns (H, N), made once per matrix. */
    private NDArray unitItemColumns;
    private int skippedSteps;

    private RecformerModel(Model model, RecformerEncoder encoder, Trainer trainer) {
        this.model = model;
        this.encoder = encoder;
        this.trainer = trainer;
    }

    /**
     * @param source builds the encoder with its parameters on the given (the model's) manager
     * @param threads intra-op threads; 0 keeps the engine's default
     */
    static RecformerModel create(Function<NDManager, RecformerEncoder> source, double lr, int seed, int threads,
            Device device) {
        return create(source, lr, seed, threads, device, Integer.MAX_VALUE);
    }

    /**
     * @param trainableLayers the top encoder layers that learn; the embeddings and the layers below stay
     *     frozen, so backward stops there (cheaper steps); at least the encoder's layer count: all learn
     */
    static RecformerModel create(Function<NDManager, RecformerEncoder> source, double lr, int seed, int threads,
            Device device, int trainableLayers) {
        Engine engine = Engine.getInstance();
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        engine.setRandomSeed(seed);
        Model model = Model.newInstance("recformer", device);
        RecformerEncoder encoder = source.apply(model.getNDManager());
        model.setBlock(encoder);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optDevices(new Device[] {device})
                .optOptimizer(AdamW.builder()
                        .optLearningRateTracker(Tracker.fixed((float) lr))
                        .optClipGrad(GRADIENT_CLIP)
                        .build());
        Trainer trainer = model.newTrainer(config);
        // Parameters are filled already: initialising only attaches gradients.
        trainer.initialize(encoder.inputShapes(1, 1));
        // As the reference: word embeddings stay frozen (most of the parameters; the MLM head still learns).
        encoder.huggingFaceParameters().get(WORD_EMBEDDINGS).freeze(true);
        int firstTrainable = encoder.config().architecture().layers() - trainableLayers;
        if (firstTrainable > 0) {
            encoder.huggingFaceParameters().forEach((name, parameter) -> {
                if (belowLayer(name, firstTrainable)) {
                    parameter.freeze(true);
                }
            });
        }
        return new RecformerModel(model, encoder, trainer);
    }

    /** Whether a parameter (by Hugging Face name) is an embedding or belongs to a layer below {@code layer}. */
    static boolean belowLayer(String name, int layer) {
        if (name.startsWith("embeddings.")) {
            return true;
        }
        if (!name.startsWith(LAYER_PREFIX)) {
            return false;
        }
        int end = name.indexOf('.', LAYER_PREFIX.length());
        return Integer.parseInt(name.substring(LAYER_PREFIX.length(), end)) < layer;
    }

    /** The loss parts of one pre-training step. */
    record PretrainLoss(float itemItem, float maskedLm) {
    }

    /**
     * One pre-training step: {@code L = L_IIC + mlmWeight * L_MLM}, both computed on the masked inputs.
     *
     * @param sequences masked prefixes; {@code items}: the masked target items alone, row by row
     * @param itemIds each row's target item, so duplicates are not negatives
     */
    PretrainLoss pretrainStep(List<WholeWordMasking.Masked> sequences, List<WholeWordMasking.Masked> items,
            int[] itemIds, double tau, double mlmWeight) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            MaskedBatch sequenceBatch = MaskedBatch.of(sequences, manager);
            MaskedBatch itemBatch = MaskedBatch.of(items, manager);
            float itemItem;
            float maskedLm = 0;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList sequenceOut = trainer.forward(sequenceBatch.inputs);
                NDList itemOut = trainer.forward(itemBatch.inputs);
                NDArray loss = ContrastiveLosses.itemItemContrastive(sequenceOut.get(1), itemOut.get(1), itemIds, tau);
                itemItem = loss.getFloat();
                List<NDArray> logits = new ArrayList<>();
                List<int[]> labels = new ArrayList<>();
                for (Pair<MaskedBatch, NDList> side : List.of(new Pair<>(sequenceBatch, sequenceOut),
                        new Pair<>(itemBatch, itemOut))) {
                    if (side.getKey().labels.length > 0) {
                        logits.add(side.getValue().get(2));
                        labels.add(side.getKey().labels);
                    }
                }
                if (!logits.isEmpty() && mlmWeight > 0) {
                    NDArray mlm = ContrastiveLosses.crossEntropy(NDArrays.concat(new NDList(logits)),
                            labels.stream().flatMapToInt(Arrays::stream).toArray());
                    maskedLm = mlm.getFloat();
                    loss = loss.add(mlm.mul(mlmWeight));
                }
                if (!backwardIfFinite(collector, loss, itemItem + (float) mlmWeight * maskedLm, manager)) {
                    return new PretrainLoss(itemItem, maskedLm);
                }
            }
            trainer.step();
            return new PretrainLoss(itemItem, maskedLm);
        }
    }

    /**
     * {@link FiniteGradients#backward}, counting a skipped step: one bad batch must not make every weight NaN
     * (a NaN pre-trained encoder was stored once and fine-tuned into a model that ranked nothing).
     */
    private boolean backwardIfFinite(GradientCollector collector, NDArray loss, float lossValue, NDManager manager) {
        if (FiniteGradients.backward(collector, loss, lossValue, encoder, manager)) {
            return true;
        }
        skippedSteps++;
        return false;
    }

    /** Steps skipped so far (pre-training and fine-tuning) for a non-finite loss or gradient. */
    int skippedSteps() {
        return skippedSteps;
    }

    /** Sets the item vectors fine-tuning scores against (no gradient flows into them). */
    void setItemMatrix(float[][] vectors) {
        if (itemMatrixManager != null) {
            itemMatrixManager.close();
        }
        itemMatrixManager = trainer.getManager().newSubManager();
        // Normalised here once: per step, ops on the matrix would attach their results to its manager,
        // which lives for the whole epoch (stage), and hold memory until the matrix changes.
        unitItemColumns = ContrastiveLosses.unitColumns(
                itemMatrixManager.create(flatten(vectors), new Shape(vectors.length, vectors[0].length)));
    }

    /** Arrays held by the model's manager and its sub-managers (parameters, optimiser state, item matrix). */
    int managedArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    /** Arrays held by the current item matrix's manager (0 when none is set). */
    int itemMatrixArrays() {
        return itemMatrixManager == null ? 0 : itemMatrixManager.getManagedArrays().size();
    }

    /** One fine-tuning step: softmax cross-entropy of cosine/tau over every item of the matrix. */
    float finetuneStep(List<TokenSequence> sequences, int[] targets, double tau) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDList inputs = input(sequences).toNDList(manager);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray cls = trainer.forward(inputs).get(1);
                NDArray mean = ContrastiveLosses.crossEntropy(
                        ContrastiveLosses.cosineLogitsToUnitColumns(cls, unitItemColumns, tau), targets);
                loss = mean.getFloat();
                if (!backwardIfFinite(collector, mean, loss, manager)) {
                    return loss;
                }
            }
            trainer.step();
            return loss;
        }
    }

    /**
     * CLS vectors without gradient, row by row as given; sequences are batched by length so padding
     * stays small.
     */
    synchronized float[][] encode(List<TokenSequence> sequences, int batchSize) {
        float[][] vectors = new float[sequences.size()][];
        Integer[] order = IntStream.range(0, sequences.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> sequences.get(i).length()));
        int width = encoder.config().hiddenSize();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<TokenSequence> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(sequences.get(order[i]));
            }
            try (NDManager manager = trainer.getManager().newSubManager()) {
                float[] flat = trainer.evaluate(input(batch).toNDList(manager)).get(1).toFloatArray();
                for (int i = from; i < to; i++) {
                    vectors[order[i]] = Arrays.copyOfRange(flat, (i - from) * width, (i - from + 1) * width);
                }
            }
        }
        return vectors;
    }

    /** The encoder's weights, for storing, publishing or starting another run from. */
    SafeTensors weights() {
        return RecformerCheckpoints.toSafeTensors(encoder);
    }

    /** A copy of every trainable parameter, by parameter id. */
    Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : encoder.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                copy.put(entry.getValue().getId(), entry.getValue().getArray().toFloatArray());
            }
        }
        return copy;
    }

    /** Puts back parameters taken by {@link #snapshot()} from this model. */
    void restore(Map<String, float[]> snapshot) {
        for (Pair<String, Parameter> entry : encoder.getParameters()) {
            float[] values = snapshot.get(entry.getValue().getId());
            if (values != null) {
                entry.getValue().getArray().set(values);
            }
        }
    }

    private static RecformerInput input(List<TokenSequence> sequences) {
        return RecformerInput.of(sequences.stream().map(TokenSequence::toInput).toList());
    }

    static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[r].length, rows[r].length);
        }
        return flat;
    }

    @Override
    public void close() {
        if (itemMatrixManager != null) {
            itemMatrixManager.close();
        }
        trainer.close();
        model.close();
    }

    /** Masked sequences as encoder inputs, with the flat indices and labels of their MLM targets. */
    private record MaskedBatch(NDList inputs, int[] labels) {

        static MaskedBatch of(List<WholeWordMasking.Masked> masked, NDManager manager) {
            RecformerInput input = RecformerInput.of(masked.stream().map(m -> m.inputs().toInput()).toList());
            int length = input.length();
            List<Long> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int b = 0; b < masked.size(); b++) {
                int[] sequenceLabels = masked.get(b).labels();
                for (int t = 0; t < sequenceLabels.length; t++) {
                    if (sequenceLabels[t] != WholeWordMasking.IGNORED) {
                        rows.add((long) b * length + t);
                        labels.add(sequenceLabels[t]);
                    }
                }
            }
            NDList inputs = input.toNDList(manager);
            if (!rows.isEmpty()) {
                inputs.add(manager.create(rows.stream().mapToLong(Long::longValue).toArray()));
            }
            return new MaskedBatch(inputs, labels.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
