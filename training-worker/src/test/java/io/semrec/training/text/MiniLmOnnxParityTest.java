package io.semrec.training.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DJL re-implementation against ONNX Runtime running the original all-MiniLM-L6-v2 file. */
class MiniLmOnnxParityTest {

    private static final float TOLERANCE = MiniLmParitySetup.TOLERANCE;
    private static final int MAX_TOKENS = MiniLmParitySetup.MAX_TOKENS;
    private static final int HIDDEN = PretrainedMiniLm.CONFIG.hiddenSize();

    private static MiniLmParitySetup setup;
    private static BertEncoderBlock encoder;

    @BeforeAll
    static void load() throws OrtException {
        setup = MiniLmParitySetup.open();
        encoder = MiniLmFixture.loadedEncoder(setup.pretrained(), setup.parameters());
    }

    @AfterAll
    static void close() throws OrtException {
        setup.close();
    }

    @Test
    void onnxFileHasTheInputsAndOutputTheParityCheckFeeds() throws OrtException {
        assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), setup.onnx().inputNames());
        assertEquals(Set.of("last_hidden_state"), setup.onnx().outputNames());
    }

    @Test
    void everyEncoderParameterComesFromTheOnnxFile() {
        Map<String, FloatTensor> weights = setup.pretrained().weights();
        assertEquals(encoder.huggingFaceParameters().keySet(), weights.keySet());
        assertArrayEquals(new long[] {384, 1536}, weights.get("encoder.layer.5.output.dense.weight").shape());
    }

    @Test
    void tokenizerAddsClsAndSepAndPadsABatchToItsLongest() {
        Encoding hello = setup.tokenizer().encode("Hello world");
        assertArrayEquals(new long[] {101, 7592, 2088, 102}, hello.getIds());
        Encoding[] batch = setup.tokenizer()
                .batchEncode(List.of("Hello world", "a much longer sentence than the first"));
        assertEquals(batch[1].getIds().length, batch[0].getIds().length);
        assertArrayEquals(new long[] {1, 1, 1, 1, 0, 0, 0, 0, 0}, batch[0].getAttentionMask());
    }

    @Test
    void singleTitlesMatchOnnxRuntime() throws OrtException {
        for (String title : MiniLmFixture.officeTitles(6)) {
            assertMatchesOnnx(new Encoding[] {setup.tokenizer().encode(title)});
        }
    }

    @Test
    void paddedBatchOfDifferentLengthsMatchesOnnxRuntimeAndEachTitleAlone() throws OrtException {
        List<String> titles = MiniLmFixture.officeTitles(20).subList(8, 20);
        Encoding[] batch = setup.tokenizer().batchEncode(titles);
        long[][] mask = MiniLmFixture.matrix(batch, Encoding::getAttentionMask);
        assertTrue(IntStream.range(0, batch.length).mapToLong(i -> sum(mask[i])).distinct().count() > 5,
                "titles should differ in length so the batch is padded");
        float[] batched = assertMatchesOnnx(batch);

        int length = batch[0].getIds().length;
        for (int row = 0; row < batch.length; row++) {
            float[] alone = djl(new Encoding[] {setup.tokenizer().encode(titles.get(row))}).hidden;
            for (int token = 0; token < sum(mask[row]); token++) {
                for (int k = 0; k < HIDDEN; k++) {
                    float inBatch = batched[(row * length + token) * HIDDEN + k];
                    assertEquals(alone[token * HIDDEN + k], inBatch, TOLERANCE, "padding changed row " + row);
                }
            }
        }
    }

    @Test
    void sentencePairsWithSecondTokenTypeMatchOnnxRuntime() throws OrtException {
        List<String> titles = MiniLmFixture.officeTitles(4);
        Encoding pair = setup.tokenizer().encode(titles.get(2), titles.get(3));
        assertTrue(sum(pair.getTypeIds()) > 0, "the second segment uses token type 1");
        assertMatchesOnnx(new Encoding[] {pair});
    }

    @Test
    void truncatesALongDescriptionToTheTokenBudgetAndStillMatches() throws OrtException {
        String longText = String.join(" ", MiniLmFixture.officeTitles(30));
        Encoding encoding = setup.tokenizer().encode(longText);
        assertEquals(MAX_TOKENS, encoding.getIds().length);
        assertMatchesOnnx(new Encoding[] {encoding});
    }

    /** Compares hidden states and pooled sentence vectors; returns DJL's hidden states. */
    private static float[] assertMatchesOnnx(Encoding[] batch) throws OrtException {
        DjlOutput djl = djl(batch);
        float[] expectedHidden = setup.onnx().hiddenStates(batch);
        assertEquals(expectedHidden.length, djl.hidden.length);
        assertTrue(maxAbsDiff(expectedHidden, djl.hidden) < TOLERANCE,
                "last_hidden_state differs by " + maxAbsDiff(expectedHidden, djl.hidden));
        float[] expectedPooled = pooled(expectedHidden, batch);
        assertTrue(maxAbsDiff(expectedPooled, djl.pooled) < TOLERANCE,
                "sentence embedding differs by " + maxAbsDiff(expectedPooled, djl.pooled));
        return djl.hidden;
    }

    private record DjlOutput(float[] hidden, float[] pooled) {
    }

    private static DjlOutput djl(Encoding[] batch) {
        try (NDManager manager = setup.parameters().newSubManager()) {
            NDList inputs = MiniLmFixture.inputs(manager, batch);
            NDArray hidden = encoder.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow();
            NDArray pooled = SentencePooling.meanPooledUnitVectors(hidden, inputs.get(1));
            return new DjlOutput(hidden.toFloatArray(), pooled.toFloatArray());
        }
    }

    /** Reference pooling in plain Java: mean over real tokens, then unit length. */
    private static float[] pooled(float[] hidden, Encoding[] batch) {
        int length = batch[0].getIds().length;
        float[] out = new float[batch.length * HIDDEN];
        for (int row = 0; row < batch.length; row++) {
            long[] mask = batch[row].getAttentionMask();
            double[] mean = new double[HIDDEN];
            for (int token = 0; token < length; token++) {
                for (int k = 0; k < HIDDEN && mask[token] == 1; k++) {
                    mean[k] += hidden[(row * length + token) * HIDDEN + k] / (double) sum(mask);
                }
            }
            double norm = Math.sqrt(Arrays.stream(mean).map(v -> v * v).sum());
            for (int k = 0; k < HIDDEN; k++) {
                out[row * HIDDEN + k] = (float) (mean[k] / norm);
            }
        }
        return out;
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }
}
