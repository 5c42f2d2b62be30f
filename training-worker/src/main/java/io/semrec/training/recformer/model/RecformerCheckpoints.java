package io.semrec.training.recformer.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.text.FloatTensor;
import io.semrec.training.text.PretrainedMiniLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a {@link RecformerEncoder} comes from and goes to: a fresh random one, a warm start from
 * all-MiniLM-L6-v2, a Hugging Face Longformer/RoBERTa folder ({@link HuggingFaceCheckpoint}), or a
 * safetensors file this class wrote.
 *
 * <p>Warm start (as Longformer was initialised from RoBERTa): every pretrained tensor is copied; the
 * global projections {@code {query,key,value}_global} start as copies of the local ones; all four
 * token-type rows start as the checkpoint's row 0 (the type all its single-segment text had); the
 * item-position table starts at zero, so an untrained model encodes text exactly like the checkpoint;
 * position rows past the checkpoint's are filled by repeating its positions block by block; the MLM
 * head is taken from the checkpoint when it has one ({@code lm_head.*}) and freshly initialised
 * otherwise (all-MiniLM-L6-v2 ships none).
 *
 * <p>Saved file: safetensors, F32 tensors under {@link RecformerEncoder#huggingFaceParameters()}'s
 * names, metadata {@link RecformerArchitecture#toMetadata()}. Serving
 * ({@code io.semrec.encoder.RecformerWeights}) reads the same names and ignores {@code lm_head.*}.
 */
public final class RecformerCheckpoints {

    private static final String[] GLOBAL_PROJECTIONS = {"query", "key", "value"};

    private RecformerCheckpoints() {
    }

    /** A randomly initialised encoder (BERT's normal(0, initializerRange) weights) with parameters on {@code manager}. */
    public static RecformerEncoder create(RecformerConfig config, NDManager manager) {
        RecformerEncoder encoder = new RecformerEncoder(config);
        encoder.initialize(manager, DataType.FLOAT32, encoder.inputShapes(1, 1));
        return encoder;
    }

    /** The default warm start from the real all-MiniLM-L6-v2; {@code config} must match its transformer. */
    public static RecformerEncoder warmStartFromMiniLm(RecformerConfig config, PretrainedMiniLm miniLm,
            NDManager manager) {
        return warmStart(config, miniLm.weights(), manager);
    }

    /**
     * Fills a new encoder from pretrained tensors in Hugging Face BERT/RoBERTa names without a model
     * prefix; the tables and projections Recformer adds are derived as the class comment says.
     */
    public static RecformerEncoder warmStart(RecformerConfig config, Map<String, FloatTensor> pretrained,
            NDManager manager) {
        RecformerEncoder encoder = create(config, manager);
        Map<String, FloatTensor> current = encoder.weights();
        Map<String, FloatTensor> weights = new LinkedHashMap<>(current);
        int hidden = config.hiddenSize();
        for (Map.Entry<String, FloatTensor> entry : pretrained.entrySet()) {
            if (current.containsKey(entry.getKey())) {
                weights.put(entry.getKey(), entry.getValue());
            }
        }
        RecformerArchitecture a = config.architecture();
        weights.put("embeddings.position_embeddings.weight",
                repeatRows(require(pretrained, "embeddings.position_embeddings.weight"), a.positionRows(),
                        a.positionOffset(), hidden));
        weights.put("embeddings.token_type_embeddings.weight",
                repeatRows(firstRow(require(pretrained, "embeddings.token_type_embeddings.weight"), hidden),
                        a.tokenTypes(), 0, hidden));
        weights.put("embeddings." + RecformerEncoder.ITEM_POSITION_TABLE + ".weight",
                new FloatTensor(new long[] {a.itemPositions(), hidden}, new float[a.itemPositions() * hidden]));
        for (int layer = 0; layer < a.layers(); layer++) {
            String prefix = "encoder.layer." + layer + ".attention.self.";
            for (String projection : GLOBAL_PROJECTIONS) {
                for (String part : new String[] {".weight", ".bias"}) {
                    String global = prefix + projection + "_global" + part;
                    FloatTensor local = require(pretrained, prefix + projection + part);
                    weights.put(global, pretrained.getOrDefault(global, local));
                }
            }
        }
        encoder.loadWeights(weights);
        return encoder;
    }

    /** The encoder's weights as a safetensors file in memory (see the class comment). */
    public static SafeTensors toSafeTensors(RecformerEncoder encoder) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        encoder.weights().forEach((name, tensor) -> tensors.put(name, Tensor.f32(tensor.shape(), tensor.values())));
        return new SafeTensors(tensors, encoder.config().architecture().toMetadata());
    }

    public static void save(RecformerEncoder encoder, Path file) throws IOException {
        toSafeTensors(encoder).write(file);
    }

    /** Reads a file {@link #save} wrote; dropout and initializer range come from the caller (training settings). */
    public static RecformerEncoder load(SafeTensors file, float dropout, float initializerRange, NDManager manager)
            throws IOException {
        RecformerConfig config = new RecformerConfig(RecformerArchitecture.fromMetadata(file.metadata()), dropout,
                initializerRange);
        RecformerEncoder encoder = create(config, manager);
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        file.tensors().forEach((name, tensor) -> weights.put(name, new FloatTensor(tensor.shape(), tensor.toFloats())));
        try {
            encoder.loadWeights(weights);
        } catch (IllegalArgumentException e) {
            throw new IOException("Recformer weights do not fit their metadata: " + e.getMessage(), e);
        }
        return encoder;
    }

    public static RecformerEncoder load(Path file, float dropout, float initializerRange, NDManager manager)
            throws IOException {
        return load(SafeTensors.read(file), dropout, initializerRange, manager);
    }

    /**
     * {@code rows} rows: the first {@code keep} copied from {@code source}, then the source's rows from
     * {@code keep} on, repeated as often as needed (Longformer's position-table extension).
     */
    static FloatTensor repeatRows(FloatTensor source, int rows, int keep, int width) {
        int sourceRows = (int) source.shape()[0];
        if (source.shape()[1] != width || sourceRows <= keep) {
            throw new IllegalArgumentException("cannot extend " + source + " to " + rows + " rows of " + width);
        }
        float[] out = new float[rows * width];
        for (int row = 0; row < rows; row++) {
            int from = row < keep ? row : keep + (row - keep) % (sourceRows - keep);
            System.arraycopy(source.values(), from * width, out, row * width, width);
        }
        return new FloatTensor(new long[] {rows, width}, out);
    }

    private static FloatTensor firstRow(FloatTensor table, int width) {
        float[] row = new float[width];
        System.arraycopy(table.values(), 0, row, 0, width);
        return new FloatTensor(new long[] {1, width}, row);
    }

    private static FloatTensor require(Map<String, FloatTensor> weights, String name) {
        FloatTensor tensor = weights.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("pretrained weights lack " + name);
        }
        return tensor;
    }
}
