package io.semrec.training.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The encoder's hooks and loader on a tiny random BERT; numerical parity is MiniLmOnnxParityTest's job. */
class BertEncoderBlockTest {

    private static final BertConfig TINY = new BertConfig(50, 8, 2, 2, 16, 16, 2, 1e-12f, 0.1f, 0.02f);
    private static final long[][] TOKENS = {{1, 7, 9, 11, 13, 2}};
    private static final long[][] CHANGED_AT_3 = {{1, 7, 9, 42, 13, 2}};

    private NDManager manager;

    @BeforeEach
    void seed() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void causalMaskHidesLaterTokensAndFullAttentionDoesNot() {
        BertEncoderBlock causal = initialized(BertEncoderBlock.builder(TINY).optCausal(true));
        float[][] before = rows(forward(causal, TOKENS));
        float[][] after = rows(forward(causal, CHANGED_AT_3));
        for (int position = 0; position < 3; position++) {
            assertArrayEquals(before[position], after[position], 1e-6f, "position " + position + " saw the future");
        }
        assertNotEquals(before[3][0], after[3][0]);

        BertEncoderBlock bidirectional = initialized(BertEncoderBlock.builder(TINY));
        assertNotEquals(rows(forward(bidirectional, TOKENS))[0][0], rows(forward(bidirectional, CHANGED_AT_3))[0][0]);
    }

    @Test
    void extraEmbeddingTableIsAnInputAndAParameterACheckpointMayLack() {
        // Causal too, so only positions whose extra index changed (4 and 5) may change.
        BertEncoderBlock encoder = initialized(
                BertEncoderBlock.builder(TINY).optCausal(true).addEmbeddingTable("item_position_embeddings", 5));
        String name = "embeddings.item_position_embeddings.weight";
        assertArrayEquals(new long[] {5, 8}, encoder.huggingFaceParameters().get(name).getArray().getShape().getShape());

        Map<String, FloatTensor> checkpoint = checkpointOf(encoder);
        checkpoint.remove(name);
        checkpoint.put("pooler.dense.bias", new FloatTensor(new long[] {8}, new float[8]));
        BertEncoderBlock.WeightLoadReport report = encoder.loadWeights(checkpoint);
        assertEquals(List.of(name), report.missing());
        assertEquals(List.of("pooler.dense.bias"), report.unexpected());

        float[] first = forward(encoder, TOKENS, new long[] {0, 1, 1, 1, 2, 2}).toFloatArray();
        float[] second = forward(encoder, TOKENS, new long[] {0, 1, 1, 1, 1, 1}).toFloatArray();
        assertArrayEquals(Arrays.copyOf(first, 4 * 8), Arrays.copyOf(second, 4 * 8), 1e-6f);
        assertNotEquals(first[4 * 8], second[4 * 8], "item index of token 4 changed its vector");
    }

    @Test
    void loadingCopiesValuesByHuggingFaceNameAndRejectsWrongShapes() {
        BertEncoderBlock source = initialized(BertEncoderBlock.builder(TINY));
        BertEncoderBlock target = initialized(BertEncoderBlock.builder(TINY));
        BertEncoderBlock.WeightLoadReport report = target.loadWeights(checkpointOf(source));
        assertTrue(report.missing().isEmpty() && report.unexpected().isEmpty(), report.toString());
        assertArrayEquals(forward(source, TOKENS).toFloatArray(), forward(target, TOKENS).toFloatArray(), 1e-6f);

        Map<String, FloatTensor> wrong = checkpointOf(source);
        wrong.put("encoder.layer.1.intermediate.dense.weight", new FloatTensor(new long[] {8, 16}, new float[128]));
        assertThrows(IllegalArgumentException.class, () -> target.loadWeights(wrong));
    }

    @Test
    void tokenVectorsInPlaceOfIdsGiveTheSameResult() {
        BertEncoderBlock encoder = initialized(BertEncoderBlock.builder(TINY));
        NDArray ids = manager.create(TOKENS);
        NDArray vectors = encoder.wordEmbeddings().getArray().get(ids.flatten()).reshape(1, 6, 8);
        NDArray fromVectors = encoder.forward(new ParameterStore(manager, false),
                new NDList(vectors, manager.ones(new Shape(1, 6), DataType.INT64), manager.zeros(new Shape(1, 6), DataType.INT64)),
                false).singletonOrThrow();
        assertArrayEquals(forward(encoder, TOKENS).toFloatArray(), fromVectors.toFloatArray(), 1e-6f);
    }

    @Test
    void gradientsReachLoadedParameters() {
        BertEncoderBlock source = initialized(BertEncoderBlock.builder(TINY));
        BertEncoderBlock encoder = initialized(BertEncoderBlock.builder(TINY));
        encoder.loadWeights(checkpointOf(source));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray hidden = encoder.forward(new ParameterStore(manager, false), inputs(TOKENS), true).singletonOrThrow();
            collector.backward(hidden.square().sum());
        }
        Parameter query = encoder.huggingFaceParameters().get("encoder.layer.0.attention.self.query.weight");
        assertTrue(query.getArray().getGradient().abs().sum().getFloat() > 0);
    }

    @Test
    void forwardLeavesNoArraysOnTheParametersManager() {
        BertEncoderBlock encoder = initialized(BertEncoderBlock.builder(TINY).optCausal(true).addEmbeddingTable("extra", 3));
        int before = manager.getManagedArrays().size();
        for (boolean training : new boolean[] {false, true}) {
            try (NDManager batch = manager.newSubManager()) {
                NDList inputs = new NDList(batch.create(TOKENS), batch.ones(new Shape(1, 6), DataType.INT64),
                        batch.zeros(new Shape(1, 6), DataType.INT64), batch.zeros(new Shape(1, 6), DataType.INT64));
                encoder.forward(new ParameterStore(batch, false), inputs, training);
            }
        }
        assertEquals(before, manager.getManagedArrays().size());
    }

    private BertEncoderBlock initialized(BertEncoderBlock.Builder builder) {
        BertEncoderBlock encoder = builder.build();
        encoder.initialize(manager, DataType.FLOAT32, encoder.inputShapes(1, 6));
        return encoder;
    }

    private NDList inputs(long[][] tokens, long[]... extraIndices) {
        NDList inputs = new NDList(manager.create(tokens), manager.ones(new Shape(1, 6), DataType.INT64),
                manager.zeros(new Shape(1, 6), DataType.INT64));
        for (long[] indices : extraIndices) {
            inputs.add(manager.create(new long[][] {indices}));
        }
        return inputs;
    }

    private NDArray forward(BertEncoderBlock encoder, long[][] tokens, long[]... extraIndices) {
        return encoder.forward(new ParameterStore(manager, false), inputs(tokens, extraIndices), false).singletonOrThrow();
    }

    private static float[][] rows(NDArray hidden) {
        float[] flat = hidden.toFloatArray();
        float[][] rows = new float[6][];
        for (int i = 0; i < 6; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * 8, i * 8 + 8);
        }
        return rows;
    }

    private static Map<String, FloatTensor> checkpointOf(BertEncoderBlock encoder) {
        Map<String, FloatTensor> checkpoint = new HashMap<>();
        encoder.huggingFaceParameters().forEach((name, parameter) -> checkpoint.put(name,
                new FloatTensor(parameter.getArray().getShape().getShape(), parameter.getArray().toFloatArray())));
        return checkpoint;
    }
}
