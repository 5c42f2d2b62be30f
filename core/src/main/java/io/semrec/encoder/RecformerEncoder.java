package io.semrec.encoder;

import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recformer's encoder in plain Java, for serving: a history's items go in by id, their stored tokens
 * are concatenated into one sequence, and the unit-length CLS vector comes out (the model scores by
 * cosine). Computes what the training worker's DJL encoder computes in evaluation mode.
 *
 * <p><b>Artifact</b> ({@link #ARTIFACT}, one safetensors file, {@link #artifact}): the encoder weights
 * under Hugging Face names ({@code embeddings.word_embeddings.weight}, {@code .position_embeddings},
 * {@code .token_type_embeddings}, {@code .item_position_embeddings}, {@code embeddings.LayerNorm.*},
 * {@code encoder.layer.{i}.attention.self.{query,key,value,query_global,key_global,value_global}.*},
 * {@code attention.output.dense}, {@code attention.output.LayerNorm}, {@code intermediate.dense},
 * {@code output.dense}, {@code output.LayerNorm}; matrices {@code [out][in]}), any {@code lm_head.*}
 * (ignored), the {@link RecformerItemTokens} tensors, and as metadata
 * {@link RecformerArchitecture#toMetadata()} plus {@code cls_token_id}.
 *
 * <p><b>Sequence</b> ({@link #sequence}): [CLS], then the items newest first, each item's tokens in
 * stored order with item position k for the k-th most recent; at most {@code itemPositions - 1} items;
 * the whole cut to the token budget (the oldest item kept may lose its tail). Items without stored
 * tokens are skipped.
 *
 * <p><b>Speed</b>: weights are held transposed, {@code [in][out]}, with the five per-token projections
 * of a layer (query, key, value, key_global, value_global) fused into one {@code [H][5H]} matrix; the
 * last layer computes only what CLS needs. Optionally one encode spreads its rows over several threads
 * ({@link RowSplitter}). Thread-safe: each calling thread reuses its own buffers.
 */
public final class RecformerEncoder implements SequenceEncoder {

    /** The model artifact a published Recformer model keeps its encoder file in. */
    public static final String ARTIFACT = "encoder.safetensors";

    /** Columns of the fused projection: query, key, value, key_global, value_global. */
    private static final int FUSED = 5;
    private static final int QUERY = 0;
    private static final int KEY = 1;
    private static final int VALUE = 2;
    private static final int KEY_GLOBAL = 3;
    private static final int VALUE_GLOBAL = 4;
    private static final float MIN_NORM = 1e-12f;

    private final RecformerArchitecture architecture;
    private final RecformerItemTokens items;
    private final int tokenBudget;
    private final int hidden;
    private final int headSize;
    private final int oneSided;
    private final float scale;
    private final float[] words;
    private final float[] positions;
    private final float[] tokenTypes;
    private final float[] itemPositions;
    private final float[] embeddingGain;
    private final float[] embeddingShift;
    private final List<Layer> layers;
    private final ThreadLocal<Buffers> buffers;
    private final RowSplitter rows;

    /**
     * @param weights the encoder's tensors and architecture metadata (other tensors are ignored)
     * @param tokenBudget the most tokens of a served sequence, [CLS] included; at most the model's positions
     * @param threads threads one encode spreads its rows over (1: the calling thread alone)
     * @throws IOException if a tensor is missing or has the wrong shape
     */
    public RecformerEncoder(SafeTensors weights, RecformerItemTokens items, int tokenBudget, int threads)
            throws IOException {
        this.architecture = RecformerArchitecture.fromMetadata(weights.metadata());
        this.items = items;
        if (tokenBudget < 1 || tokenBudget > architecture.maxTokenPositions()) {
            throw new IllegalArgumentException("token budget " + tokenBudget + " is outside 1.."
                    + architecture.maxTokenPositions());
        }
        this.tokenBudget = tokenBudget;
        this.rows = new RowSplitter(threads);
        hidden = architecture.hiddenSize();
        headSize = architecture.headSize();
        oneSided = architecture.attentionWindow() / 2;
        scale = (float) (1 / Math.sqrt(headSize));
        Reader reader = new Reader(weights, hidden);
        words = reader.matrix("embeddings.word_embeddings.weight", architecture.vocabSize(), hidden);
        positions = reader.matrix("embeddings.position_embeddings.weight", architecture.positionRows(), hidden);
        tokenTypes = reader.matrix("embeddings.token_type_embeddings.weight", architecture.tokenTypes(), hidden);
        itemPositions = reader.matrix("embeddings.item_position_embeddings.weight", architecture.itemPositions(),
                hidden);
        embeddingGain = reader.vector("embeddings.LayerNorm.weight", hidden);
        embeddingShift = reader.vector("embeddings.LayerNorm.bias", hidden);
        Layer[] read = new Layer[architecture.layers()];
        for (int l = 0; l < read.length; l++) {
            read[l] = new Layer(reader, "encoder.layer." + l + ".", hidden, architecture.intermediateSize());
        }
        layers = List.of(read);
        buffers = ThreadLocal.withInitial(
                () -> new Buffers(this.tokenBudget, hidden, architecture.intermediateSize()));
    }

    /** Loads an artifact as the training worker writes it ({@link #artifact}). */
    public static RecformerEncoder read(byte[] artifact, int tokenBudget, int threads) throws IOException {
        SafeTensors file = SafeTensors.read(artifact);
        return new RecformerEncoder(file, RecformerItemTokens.fromSafeTensors(file), tokenBudget, threads);
    }

    /** One file holding the encoder weights (as the DJL encoder saves them) and the items' tokens. */
    public static SafeTensors artifact(SafeTensors weights, RecformerItemTokens items) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(weights.tensors());
        tensors.putAll(items.tensors());
        Map<String, String> metadata = new LinkedHashMap<>(weights.metadata());
        metadata.putAll(items.metadata());
        return new SafeTensors(tensors, metadata);
    }

    public RecformerArchitecture architecture() {
        return architecture;
    }

    public int tokenBudget() {
        return tokenBudget;
    }

    /** Tens of milliseconds per history: a transformer over its items' text. */
    @Override
    public boolean isLightweight() {
        return false;
    }

    /** Vectors alone do not say which items they are: Recformer reads items' tokens. */
    @Override
    public float[] encode(List<float[]> history) {
        throw new UnsupportedOperationException("a Recformer encoder reads items' tokens: pass their ids");
    }

    @Override
    public float[] encode(long[] itemIds, List<float[]> history) {
        return encodeItems(itemIds);
    }

    /**
     * @param itemIds the history, oldest first
     * @return the unit-length CLS vector of the history's sequence
     * @throws IllegalArgumentException if no item of the history has stored tokens
     */
    public float[] encodeItems(long[] itemIds) {
        float[] cls = clsVector(sequence(itemIds));
        double norm = 0;
        for (float value : cls) {
            norm += value * value;
        }
        float inverse = (float) (1 / Math.max(Math.sqrt(norm), MIN_NORM));
        for (int k = 0; k < cls.length; k++) {
            cls[k] *= inverse;
        }
        return cls;
    }

    /** A token sequence: ids, types and item positions of equal length, [CLS] first. */
    public record Sequence(int[] tokenIds, int[] tokenTypes, int[] itemPositions) {

        public int length() {
            return tokenIds.length;
        }
    }

    /** The sequence serving encodes for a history (oldest first); see the class comment. */
    public Sequence sequence(long[] itemIds) {
        int[] ids = new int[tokenBudget];
        int[] types = new int[tokenBudget];
        int[] itemOf = new int[tokenBudget];
        ids[0] = items.clsTokenId();
        types[0] = RecformerArchitecture.CLS;
        int length = 1;
        int itemCount = 0;
        for (int h = itemIds.length - 1; h >= 0 && length < tokenBudget
                && itemCount < architecture.itemPositions() - 1; h--) {
            int index = items.indexOf(itemIds[h]);
            if (index < 0) {
                continue;
            }
            itemCount++;
            for (int at = items.start(index); at < items.end(index) && length < tokenBudget; at++) {
                ids[length] = items.tokenId(at);
                types[length] = items.tokenType(at);
                itemOf[length] = itemCount;
                length++;
            }
        }
        if (itemCount == 0) {
            throw new IllegalArgumentException("none of the history's " + itemIds.length + " items has tokens");
        }
        return new Sequence(Arrays.copyOf(ids, length), Arrays.copyOf(types, length), Arrays.copyOf(itemOf, length));
    }

    /** The CLS output (not normalised) of a sequence of at most the token budget. */
    public float[] clsVector(Sequence sequence) {
        int length = sequence.length();
        if (length < 1 || length > tokenBudget) {
            throw new IllegalArgumentException("sequence of " + length + " tokens, budget is " + tokenBudget);
        }
        Buffers b = buffers.get();
        embed(sequence, b.state);
        for (int l = 0; l < layers.size() - 1; l++) {
            fullLayer(layers.get(l), b, length);
        }
        clsLayer(layers.get(layers.size() - 1), b, length);
        return Arrays.copyOf(b.state, hidden);
    }

    private void embed(Sequence s, float[] state) {
        float[] sum = new float[hidden];
        for (int t = 0; t < s.length(); t++) {
            int word = s.tokenIds()[t] * hidden;
            int position = (t + architecture.positionOffset()) * hidden;
            int type = s.tokenTypes()[t] * hidden;
            int item = s.itemPositions()[t] * hidden;
            for (int k = 0; k < hidden; k++) {
                sum[k] = words[word + k] + positions[position + k] + tokenTypes[type + k] + itemPositions[item + k];
            }
            VectorMath.layerNorm(sum, 0, state, t * hidden, hidden, embeddingGain, embeddingShift,
                    architecture.layerNormEps());
        }
    }

    /** A layer over every token: fused projections, windowed + global attention, feed-forward. */
    private void fullLayer(Layer layer, Buffers b, int length) {
        int width = FUSED * hidden;
        rows.run(0, length, (from, to) ->
                VectorMath.matmul(b.state, hidden, from, to, layer.fused, layer.fusedBias, width, 0, width, b.projected));
        globalAttention(layer, b, length);
        transposeKeys(b, length);
        rows.run(1, length, (from, to) -> {
            float[] scores = from == 1 ? b.scores : new float[length];
            for (int i = from; i < to; i++) {
                localAttention(b, scores, i, length);
            }
        });
        rows.run(0, length, (from, to) -> finish(layer, b, from, to));
    }

    /** The last layer: only CLS's row is read, so only its global attention and feed-forward are computed. */
    private void clsLayer(Layer layer, Buffers b, int length) {
        int width = FUSED * hidden;
        rows.run(0, length, (from, to) -> VectorMath.matmul(b.state, hidden, from, to, layer.fused, layer.fusedBias,
                width, KEY_GLOBAL * hidden, width, b.projected));
        globalAttention(layer, b, length);
        finish(layer, b, 0, 1);
    }

    /** CLS attends to every token with the global projections; its output goes to row 0 of {@code mixed}. */
    private void globalAttention(Layer layer, Buffers b, int length) {
        int width = FUSED * hidden;
        VectorMath.matmul(b.state, hidden, 0, 1, layer.globalQuery, layer.globalQueryBias, hidden, 0, hidden,
                b.globalQuery);
        for (int head = 0; head < architecture.heads(); head++) {
            int column = head * headSize;
            for (int j = 0; j < length; j++) {
                b.scores[j] = VectorMath.dot(b.globalQuery, column, b.projected, j * width + KEY_GLOBAL * hidden + column,
                        headSize);
            }
            VectorMath.scaledSoftmax(b.scores, length, scale);
            Arrays.fill(b.mixed, column, column + headSize, 0f);
            VectorMath.addWeightedRows(b.scores, 0, length, b.projected, VALUE_GLOBAL * hidden + column, width,
                    headSize, b.mixed, column);
        }
    }

    /** The local keys as {@code keys[feature][token]}, so a query's scores over its window are a vectorised loop. */
    private void transposeKeys(Buffers b, int length) {
        int width = FUSED * hidden;
        for (int j = 0; j < length; j++) {
            int keyAt = j * width + KEY * hidden;
            for (int c = 0; c < hidden; c++) {
                b.keys[c * tokenBudget + j] = b.projected[keyAt + c];
            }
        }
    }

    /** Token i attends to CLS and to the tokens within the window on either side (CLS counted once). */
    private void localAttention(Buffers b, float[] scores, int i, int length) {
        int width = FUSED * hidden;
        int from = Math.max(1, i - oneSided);
        int to = Math.min(length - 1, i + oneSided);
        int window = to - from + 1;
        for (int head = 0; head < architecture.heads(); head++) {
            int column = head * headSize;
            int queryAt = i * width + QUERY * hidden + column;
            // Slot 0 is CLS; slot n > 0 is token from + n - 1.
            scores[0] = VectorMath.dot(b.projected, queryAt, b.projected, KEY * hidden + column, headSize);
            VectorMath.rowTimesColumns(b.projected, queryAt, headSize, b.keys, column * tokenBudget + from,
                    tokenBudget, window, scores, 1);
            VectorMath.scaledSoftmax(scores, window + 1, scale);
            int outAt = i * hidden + column;
            Arrays.fill(b.mixed, outAt, outAt + headSize, 0f);
            VectorMath.addWeightedRows(scores, 0, 1, b.projected, VALUE * hidden + column, width, headSize, b.mixed,
                    outAt);
            VectorMath.addWeightedRows(scores, 1, window, b.projected, from * width + VALUE * hidden + column, width,
                    headSize, b.mixed, outAt);
        }
    }

    /** Attention output, residual, norm, feed-forward, residual, norm, for rows {@code from..to-1} into {@code state}. */
    private void finish(Layer layer, Buffers b, int from, int to) {
        int inner = architecture.intermediateSize();
        float eps = architecture.layerNormEps();
        VectorMath.matmul(b.mixed, hidden, from, to, layer.output, layer.outputBias, hidden, 0, hidden, b.scratch);
        for (int row = from; row < to; row++) {
            int at = row * hidden;
            for (int k = 0; k < hidden; k++) {
                b.scratch[at + k] += b.state[at + k];
            }
            VectorMath.layerNorm(b.scratch, at, b.state, at, hidden, layer.attentionGain, layer.attentionShift, eps);
        }
        VectorMath.matmul(b.state, hidden, from, to, layer.intermediate, layer.intermediateBias, inner, 0, inner,
                b.inner);
        Gelu.applyInPlace(b.inner, from * inner, to * inner);
        VectorMath.matmul(b.inner, inner, from, to, layer.feedForward, layer.feedForwardBias, hidden, 0, hidden,
                b.scratch);
        for (int row = from; row < to; row++) {
            int at = row * hidden;
            for (int k = 0; k < hidden; k++) {
                b.scratch[at + k] += b.state[at + k];
            }
            VectorMath.layerNorm(b.scratch, at, b.state, at, hidden, layer.outputGain, layer.outputShift, eps);
        }
    }

    /** One layer's weights, transposed to {@code [in][out]}. */
    private static final class Layer {
        final float[] fused;
        final float[] fusedBias;
        final float[] globalQuery;
        final float[] globalQueryBias;
        final float[] output;
        final float[] outputBias;
        final float[] attentionGain;
        final float[] attentionShift;
        final float[] intermediate;
        final float[] intermediateBias;
        final float[] feedForward;
        final float[] feedForwardBias;
        final float[] outputGain;
        final float[] outputShift;

        Layer(Reader reader, String prefix, int hidden, int inner) throws IOException {
            String self = prefix + "attention.self.";
            String[] fusedNames = {"query", "key", "value", "key_global", "value_global"};
            int width = FUSED * hidden;
            fused = new float[hidden * width];
            fusedBias = new float[width];
            for (int block = 0; block < FUSED; block++) {
                float[] weight = VectorMath.transpose(
                        reader.matrix(self + fusedNames[block] + ".weight", hidden, hidden), hidden, hidden);
                for (int i = 0; i < hidden; i++) {
                    System.arraycopy(weight, i * hidden, fused, i * width + block * hidden, hidden);
                }
                System.arraycopy(reader.vector(self + fusedNames[block] + ".bias", hidden), 0, fusedBias,
                        block * hidden, hidden);
            }
            globalQuery = reader.transposed(self + "query_global", hidden, hidden);
            globalQueryBias = reader.vector(self + "query_global.bias", hidden);
            output = reader.transposed(prefix + "attention.output.dense", hidden, hidden);
            outputBias = reader.vector(prefix + "attention.output.dense.bias", hidden);
            attentionGain = reader.vector(prefix + "attention.output.LayerNorm.weight", hidden);
            attentionShift = reader.vector(prefix + "attention.output.LayerNorm.bias", hidden);
            intermediate = reader.transposed(prefix + "intermediate.dense", inner, hidden);
            intermediateBias = reader.vector(prefix + "intermediate.dense.bias", inner);
            feedForward = reader.transposed(prefix + "output.dense", hidden, inner);
            feedForwardBias = reader.vector(prefix + "output.dense.bias", hidden);
            outputGain = reader.vector(prefix + "output.LayerNorm.weight", hidden);
            outputShift = reader.vector(prefix + "output.LayerNorm.bias", hidden);
        }
    }

    /** Reads float tensors by name, checking their shapes. */
    private record Reader(SafeTensors file, int hidden) {

        float[] matrix(String name, int rows, int cols) throws IOException {
            return values(name, new long[] {rows, cols});
        }

        float[] vector(String name, int length) throws IOException {
            return values(name, new long[] {length});
        }

        /** A dense layer's {@code [out][in]} weight as {@code [in][out]}. */
        float[] transposed(String layer, int outputs, int inputs) throws IOException {
            return VectorMath.transpose(matrix(layer + ".weight", outputs, inputs), outputs, inputs);
        }

        private float[] values(String name, long[] shape) throws IOException {
            Tensor tensor = file.tensors().get(name);
            if (tensor == null) {
                throw new IOException("Recformer encoder lacks tensor " + name);
            }
            if (!Arrays.equals(tensor.shape(), shape)) {
                throw new IOException("Recformer tensor " + name + " is " + Arrays.toString(tensor.shape())
                        + ", expected " + Arrays.toString(shape));
            }
            return tensor.toFloats();
        }
    }

    /** Per-thread working memory for sequences up to the token budget. */
    private static final class Buffers {
        final float[] state;
        final float[] projected;
        final float[] keys;
        final float[] globalQuery;
        final float[] mixed;
        final float[] scratch;
        final float[] inner;
        final float[] scores;

        Buffers(int tokens, int hidden, int innerWidth) {
            state = new float[tokens * hidden];
            projected = new float[tokens * FUSED * hidden];
            keys = new float[hidden * tokens];
            globalQuery = new float[hidden];
            mixed = new float[tokens * hidden];
            scratch = new float[tokens * hidden];
            inner = new float[tokens * innerWidth];
            scores = new float[tokens];
        }
    }
}
