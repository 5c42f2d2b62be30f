package io.semrec.training.recformer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.text.FloatTensor;
import io.semrec.training.text.MiniLmFixture;
import io.semrec.training.text.MiniLmParitySetup;
import io.semrec.training.text.PretrainedMiniLm;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The warm-started Recformer encoder against ONNX Runtime on the original all-MiniLM-L6-v2: with a
 * window covering the whole input (so attention is full), any Recformer token types and item
 * positions, last_hidden_state equals the original model's with token types 0.
 */
class RecformerMiniLmParityTest {

    private static final float TOLERANCE = MiniLmParitySetup.TOLERANCE;
    private static final int MAX_TOKENS = MiniLmParitySetup.MAX_TOKENS;
    private static final int HIDDEN = PretrainedMiniLm.CONFIG.hiddenSize();

    private static MiniLmParitySetup setup;
    private static RecformerEncoder encoder;

    @BeforeAll
    static void load() throws OrtException {
        setup = MiniLmParitySetup.open();
        // 1024 positions: the table past MiniLM's 512 is extended, which must not disturb the first 512.
        encoder = RecformerCheckpoints.warmStartFromMiniLm(
                RecformerConfig.miniLm(1024, RecformerArchitecture.MIN_ITEM_POSITIONS, 2 * MAX_TOKENS),
                setup.pretrained(), setup.parameters());
    }

    @AfterAll
    static void close() throws OrtException {
        setup.close();
    }

    @Test
    void paddedBatchOfItemTextsMatchesOnnxRuntime() throws OrtException {
        List<String> texts = MiniLmFixture.officeItems(12, List.of("title", "brand"));
        assertMatchesOnnx(setup.tokenizer().batchEncode(texts));
    }

    @Test
    void inputFilledToTheTokenBudgetMatchesOnnxRuntime() throws OrtException {
        Encoding encoding = setup.tokenizer().encode(String.join(" ", MiniLmFixture.officeTitles(30)));
        assertEquals(MAX_TOKENS, encoding.getIds().length);
        assertMatchesOnnx(new Encoding[] {encoding});
    }

    @Test
    void newTablesAreDerivedFromTheCheckpointAsDocumented() {
        Map<String, FloatTensor> weights = encoder.weights();
        float[] positions = weights.get("embeddings.position_embeddings.weight").values();
        float[] original = setup.pretrained().weights().get("embeddings.position_embeddings.weight").values();
        for (int row : new int[] {512, 700, 1023}) {
            float[] extended = Arrays.copyOfRange(positions, row * HIDDEN, (row + 1) * HIDDEN);
            int source = row % 512;
            assertArrayEquals(Arrays.copyOfRange(original, source * HIDDEN, (source + 1) * HIDDEN), extended);
        }
        float[] items = weights.get("embeddings.item_position_embeddings.weight").values();
        assertTrue(IntStream.range(0, items.length).allMatch(i -> items[i] == 0f));
        assertArrayEquals(weights.get("encoder.layer.3.attention.self.key.weight").values(),
                weights.get("encoder.layer.3.attention.self.key_global.weight").values());
    }

    private static void assertMatchesOnnx(Encoding[] batch) throws OrtException {
        float[] expected = setup.onnx().hiddenStates(batch);
        RecformerInput input = recformerInput(batch, new SplittableRandom(batch.length));
        float[] actual;
        try (NDManager manager = setup.parameters().newSubManager()) {
            actual = encoder.forward(new ParameterStore(manager, false), input.toNDList(manager), false)
                    .get(0).toFloatArray();
        }
        assertEquals(expected.length, actual.length);
        // Padding rows are not outputs (their position ids differ by design); real tokens must agree.
        float diff = 0;
        int length = batch[0].getIds().length;
        for (int row = 0; row < batch.length * length; row++) {
            if (input.attentionMask()[row / length][row % length] == 1) {
                for (int k = row * HIDDEN; k < (row + 1) * HIDDEN; k++) {
                    diff = Math.max(diff, Math.abs(expected[k] - actual[k]));
                }
            }
        }
        assertTrue(diff < TOLERANCE, "last_hidden_state differs by " + diff);
    }

    /** The tokenizer's ids and mask, with random Recformer token types and item positions on real tokens. */
    private static RecformerInput recformerInput(Encoding[] batch, SplittableRandom random) {
        int length = batch[0].getIds().length;
        int[][] ids = new int[batch.length][length];
        int[][] types = new int[batch.length][length];
        int[][] positions = new int[batch.length][length];
        int[][] items = new int[batch.length][length];
        int[][] mask = new int[batch.length][length];
        for (int b = 0; b < batch.length; b++) {
            for (int t = 0; t < length; t++) {
                ids[b][t] = (int) batch[b].getIds()[t];
                mask[b][t] = (int) batch[b].getAttentionMask()[t];
                boolean real = mask[b][t] == 1;
                positions[b][t] = real ? t : 0;
                types[b][t] = !real ? RecformerArchitecture.PAD
                        : t == 0 ? RecformerArchitecture.CLS : 1 + random.nextInt(2);
                items[b][t] = real && t > 0 ? 1 + random.nextInt(50) : 0;
            }
        }
        return new RecformerInput(ids, types, positions, items, mask);
    }
}
