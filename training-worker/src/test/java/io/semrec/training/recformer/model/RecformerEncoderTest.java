package io.semrec.training.recformer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.RecformerArchitecture;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The DJL encoder's contract on a tiny random model: shapes, padding, MLM head, save and load. */
class RecformerEncoderTest {

    static final RecformerConfig TINY = new RecformerConfig(
            new RecformerArchitecture(50, 16, 2, 2, 32, 40, 2, 6, 4, 4, 1e-5f), 0f, 0.2f);

    /** A fresh manager for each test, closed after it. */
    @AutoClose
    private final NDManager manager = NDManager.newBaseManager();

    @Test
    void forwardGivesHiddenStatesAndClsAndPaddingDoesNotLeak() {
        RecformerEncoder encoder = RecformerCheckpoints.create(TINY, manager);
        RecformerInput.Sequence longer = RecformerFixtures.sequence(new SplittableRandom(1), TINY, 3, 4);
        RecformerInput.Sequence shorter = RecformerFixtures.sequence(new SplittableRandom(2), TINY, 2, 3);
        NDList out = forward(encoder, RecformerInput.of(List.of(longer, shorter)), null);
        NDArray hidden = out.get(0);
        int length = longer.tokenIds().length;
        assertArrayEquals(new long[] {2, length, 16}, hidden.getShape().getShape());
        assertArrayEquals(new long[] {2, 16}, out.get(1).getShape().getShape());
        float[] alone = forward(encoder, RecformerInput.of(List.of(shorter)), null).get(0).toFloatArray();
        float[] batched = hidden.toFloatArray();
        for (int i = 0; i < alone.length; i++) {
            assertEquals(alone[i], batched[length * 16 + i], 1e-5f);
        }
    }

    @Test
    void mlmHeadScoresTheVocabularyAtTheRequestedTokensWithTiedWordEmbeddings() {
        RecformerEncoder encoder = RecformerCheckpoints.create(TINY, manager);
        RecformerInput input = RecformerInput.of(List.of(
                RecformerFixtures.sequence(new SplittableRandom(3), TINY, 2, 3)));
        NDList out = forward(encoder, input, new long[] {1, 4, 5});
        assertArrayEquals(new long[] {3, 50}, out.get(2).getShape().getShape());
        assertTrue(encoder.huggingFaceParameters().containsKey("lm_head.bias"));
        assertTrue(!encoder.huggingFaceParameters().containsKey("lm_head.decoder.weight"), "decoder is tied");
    }

    @Test
    void savedWeightsLoadIntoAnEqualEncoder() throws IOException {
        RecformerEncoder encoder = RecformerCheckpoints.create(TINY, manager);
        SafeTensors file = SafeTensors.read(RecformerCheckpoints.toSafeTensors(encoder).toBytes());
        assertTrue(file.tensors().containsKey("encoder.layer.1.attention.self.query_global.weight"));
        assertTrue(file.tensors().containsKey("embeddings.item_position_embeddings.weight"));
        RecformerEncoder loaded = RecformerCheckpoints.load(file, 0f, 0.02f, manager);
        assertEquals(TINY.architecture(), loaded.config().architecture());
        RecformerInput input = RecformerInput.of(List.of(
                RecformerFixtures.sequence(new SplittableRandom(4), TINY, 3, 2)));
        assertArrayEquals(forward(encoder, input, null).get(1).toFloatArray(),
                forward(loaded, input, null).get(1).toFloatArray(), 0f);
    }

    @Test
    void loadRejectsTensorsThatDoNotFitTheMetadata() {
        RecformerEncoder encoder = RecformerCheckpoints.create(TINY, manager);
        SafeTensors file = RecformerCheckpoints.toSafeTensors(encoder);
        Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
        metadata.put("hidden_size", "32");
        metadata.put("intermediate_size", "64");
        SafeTensors wrong = new SafeTensors(file.tensors(), metadata);
        assertThrows(IOException.class, () -> RecformerCheckpoints.load(wrong, 0f, 0.02f, manager));
    }

    private NDList forward(RecformerEncoder encoder, RecformerInput input, long[] mlmRows) {
        NDManager batch = manager.newSubManager();
        NDList inputs = input.toNDList(batch);
        if (mlmRows != null) {
            inputs.add(batch.create(mlmRows));
        }
        return encoder.forward(new ParameterStore(batch, false), inputs, false);
    }
}
