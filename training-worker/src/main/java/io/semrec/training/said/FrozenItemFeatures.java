package io.semrec.training.said;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.training.sasrec.ItemEmbedding;
import io.semrec.training.sasrec.SasrecModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SAID's stage-2 item table: the frozen stage-1 embeddings through a learned linear map to the
 * downstream width. The same table is the network's input features and its output representations,
 * optionally plus a learned per-item output bias (published as one extra dimension, see
 * {@link io.semrec.encoder.OutputBiasEncoder}). The embeddings themselves are a constant, not a
 * parameter: no gradient reaches them and snapshots do not copy them.
 */
final class FrozenItemFeatures extends ItemEmbedding {

    static final String MAP_ARTIFACT = "said_item_map.safetensors";
    static final String MAP_WEIGHT = "map.weight";
    static final String MAP_BIAS = "map.bias";
    static final String FEATURE_MEAN = "feature.mean";
    static final String FEATURE_SCALE = "feature.scale";
    /** Features that hardly vary across items are centred, not blown up. */
    private static final double MIN_STD = 1e-6;

    /**
     * Standardised features (scaled by {@link #initialScale}), row-major: stage-1 soft tokens can have any
     * scale (the LM normalises them).
     */
    private final float[] features;
    private final int featureWidth;
    private final float[] featureMean;
    private final float[] featureScale;
    private final Parameter mapWeight;
    private final Parameter mapBias;
    private final Parameter outputBias;
    private final Parameter residual;
    private NDArray featureArray;

    /**
     * @param features stage-1 embeddings {@code [item index][width]}
     * @param outputBias whether to learn a per-item bias on the output side
     * @param residual whether to learn a per-item residual added to the mapped embedding (input and output
     *     side alike, so the published vectors stay the network's input table); it starts at zero
     */
    FrozenItemFeatures(float[][] features, int dim, boolean outputBias, boolean residual) {
        super(features.length, dim);
        featureWidth = features[0].length;
        featureMean = new float[featureWidth];
        featureScale = new float[featureWidth];
        standardization(features, featureMean, featureScale);
        float start = (float) initialScale(features.length, dim, featureWidth);
        for (int i = 0; i < featureWidth; i++) {
            featureScale[i] *= start;
        }
        this.features = new float[features.length * featureWidth];
        for (int item = 0; item < features.length; item++) {
            for (int i = 0; i < featureWidth; i++) {
                this.features[item * featureWidth + i] = (features[item][i] - featureMean[i]) * featureScale[i];
            }
        }
        mapWeight = addParameter(Parameter.builder().setName("map_weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(dim, featureWidth)).build());
        mapBias = addParameter(Parameter.builder().setName("map_bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(dim)).build());
        this.outputBias = outputBias ? addParameter(Parameter.builder().setName("output_bias")
                .setType(Parameter.Type.BIAS).optShape(new Shape(features.length)).build()) : null;
        this.residual = residual ? addParameter(Parameter.builder().setName("item_residual")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(features.length, dim)).build()) : null;
    }

    /**
     * What standardised features are multiplied by so that, under the map's initial weights, mapped item
     * vectors start at the scale of an ID-based item table ({@link SasrecModel#initialStd}). Unit-variance
     * features through a Xavier-initialised {@code (dim, width)} map come out about 50 times larger
     * (per-dimension std ~1.4 against ~0.03 for office's 2,420 items): the transformer's input scaling
     * then drowns the position embeddings and the initial logits saturate the softmax, and stage 2 stayed at
     * the uniform loss. Folded into {@code feature.scale}, so serving and refresh need nothing new.
     */
    static double initialScale(int itemCount, int dim, int featureWidth) {
        double mapped = Math.sqrt(featureWidth) * SasrecModel.initialStd(dim, featureWidth);
        return SasrecModel.initialStd(itemCount + 1, dim) / mapped;
    }

    /** Per-dimension mean and inverse standard deviation over the items. */
    private static void standardization(float[][] features, float[] mean, float[] scale) {
        int width = mean.length;
        double[] sum = new double[width];
        double[] squares = new double[width];
        for (float[] row : features) {
            for (int i = 0; i < width; i++) {
                sum[i] += row[i];
                squares[i] += (double) row[i] * row[i];
            }
        }
        for (int i = 0; i < width; i++) {
            double m = sum[i] / features.length;
            double variance = Math.max(0, squares[i] / features.length - m * m);
            mean[i] = (float) m;
            scale[i] = (float) (1 / Math.max(Math.sqrt(variance), MIN_STD));
        }
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        if (residual != null) {
            // The item starts where its text puts it; the initialiser's random rows would be noise on top.
            residual.getArray().set(new float[itemCount() * dim()]);
        }
        if (featureArray == null) {
            featureArray = manager.create(features, new Shape(itemCount(), featureWidth));
        }
    }

    @Override
    public NDArray table(NDManager manager) {
        // The constant comes first, so the result would belong to the model's manager: hand it to the batch's.
        NDArray mapped = Linear.linear(featureArray, mapWeight.getArray(), mapBias.getArray()).head();
        mapped.attach(manager);
        if (residual != null) {
            mapped = mapped.add(residual.getArray());
        }
        return manager.zeros(new Shape(1, dim())).concat(mapped);
    }

    @Override
    public NDArray scores(NDArray hidden) {
        NDArray scores = super.scores(hidden);
        return outputBias == null ? scores : scores.add(outputBias.getArray());
    }

    /**
     * The learned map as the model artifact {@value #MAP_ARTIFACT}: {@code feature.mean} and
     * {@code feature.scale} {@code [width]} (an embedding is standardised as {@code (e - mean) * scale}),
     * {@code map.weight} {@code [dim][width]} and {@code map.bias} {@code [dim]}; what the refresh needs to
     * publish new items' vectors in the same space.
     */
    SafeTensors mapArtifact() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(FEATURE_MEAN, Tensor.f32(new long[] {featureWidth}, featureMean));
        tensors.put(FEATURE_SCALE, Tensor.f32(new long[] {featureWidth}, featureScale));
        tensors.put(MAP_WEIGHT, Tensor.f32(new long[] {dim(), featureWidth}, mapWeight.getArray().toFloatArray()));
        tensors.put(MAP_BIAS, Tensor.f32(new long[] {dim()}, mapBias.getArray().toFloatArray()));
        return new SafeTensors(tensors, Map.of());
    }

    @Override
    public float[][] publishedVectors() {
        try (NDManager manager = featureArray.getManager().newSubManager()) {
            float[][] vectors = itemRows(table(manager).toFloatArray(), itemCount(), dim());
            if (outputBias == null) {
                return vectors;
            }
            float[] bias = outputBias.getArray().toFloatArray();
            float[][] withBias = new float[vectors.length][];
            for (int item = 0; item < vectors.length; item++) {
                withBias[item] = Arrays.copyOf(vectors[item], dim() + 1);
                withBias[item][dim()] = bias[item];
            }
            return withBias;
        }
    }
}
