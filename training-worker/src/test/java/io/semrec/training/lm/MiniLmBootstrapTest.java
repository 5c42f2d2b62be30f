package io.semrec.training.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.semrec.training.text.BertEncoderBlock;
import io.semrec.training.text.PretrainedMiniLm;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** all-MiniLM-L6-v2 as a causal LM: the real weights, tokenizer and tied head. */
class MiniLmBootstrapTest {

    private static final String TITLE = "VTECH CS6114 DECT 6.0 Cordless Phone, White/Grey, 1 Handset";

    private static PretrainedMiniLm pretrained;
    private static DecoderLm lm;

    @BeforeAll
    static void load() {
        Engine.getInstance().setRandomSeed(3);
        pretrained = MiniLmBootstrap.pretrained(Path.of("target", "pretrained-cache"));
        lm = MiniLmBootstrap.load(pretrained, Device.cpu());
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void shapeAndTokenizerAreMiniLms() {
        assertEquals(384, lm.embeddingWidth());
        assertEquals(30522, lm.vocabSize());
        assertEquals(512, lm.maxPositions());
        LmTokenizer tokenizer = lm.tokenizer();
        assertEquals(101, tokenizer.bosId());
        assertEquals(102, tokenizer.eosId());
        assertEquals(0, tokenizer.padId());
        long[] ids = tokenizer.encode(TITLE, 48);
        assertTrue(Arrays.stream(ids).noneMatch(id -> id == 101 || id == 102), "no special tokens added");
        // WordPiece lowercases and spaces out punctuation; the characters survive.
        assertEquals(TITLE.toLowerCase().replace(" ", ""), tokenizer.decode(ids).replace(" ", ""));
        assertEquals(5, tokenizer.encode(TITLE, 5).length);
    }

    @Test
    void logitsAreTheCausalEncodersStatesTimesTheWordEmbeddings() {
        long[][] ids = {{101, 2023, 2003, 1037, 3231, 102}};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray tokens = manager.create(ids);
            NDArray mask = manager.ones(new Shape(1, 6), DataType.INT64);
            float[] logits = lm.forwardIds(tokens, mask, false).toFloatArray();

            BertEncoderBlock causal = BertEncoderBlock.builder(PretrainedMiniLm.CONFIG).optCausal(true).build();
            causal.initialize(manager, DataType.FLOAT32, causal.inputShapes(1, 6));
            causal.loadWeights(pretrained.weights());
            float[] hidden = causal.forward(new ParameterStore(manager, false),
                    new NDList(tokens, mask, manager.zeros(new Shape(1, 6), DataType.INT64)), false)
                    .singletonOrThrow().toFloatArray();
            float[] table = lm.network().tokenEmbeddings().getArray().toFloatArray();
            int width = 384;
            for (int position : new int[] {0, 3, 5}) {
                for (int token : new int[] {0, 1037, 2003, 30521}) {
                    double expected = 0;
                    for (int h = 0; h < width; h++) {
                        expected += hidden[position * width + h] * table[token * width + h];
                    }
                    assertEquals(expected, logits[position * 30522 + token], 1e-3, "position " + position);
                }
            }
        }
    }

    @Test
    void idsAndTheirEmbeddingsGiveTheSameLogitsAndLaterTokensDoNotLeakBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = manager.ones(new Shape(1, 5), DataType.INT64);
            NDArray ids = manager.create(new long[][] {{101, 2023, 2003, 1037, 3231}});
            NDArray changed = manager.create(new long[][] {{101, 2023, 2003, 4937, 3231}});
            float[] fromIds = lm.forwardIds(ids, mask, false).toFloatArray();
            float[] fromEmbeddings = lm.forward(lm.embed(ids), mask, false).toFloatArray();
            assertArrayEquals(fromIds, fromEmbeddings, 1e-5f);
            float[] afterChange = lm.forwardIds(changed, mask, false).toFloatArray();
            int vocab = lm.vocabSize();
            assertArrayEquals(Arrays.copyOf(fromIds, 3 * vocab), Arrays.copyOf(afterChange, 3 * vocab), 1e-5f);
            assertNotEquals(fromIds[3 * vocab], afterChange[3 * vocab]);
        }
    }

    @Test
    void aFrozenLmPassesGradientsToASoftPrefixAndKeepsItsWeights() {
        String before = lm.weightsFingerprint();
        lm.freeze();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray prefix = manager.randomNormal(0, 0.05f, new Shape(1, 2, 384), DataType.FLOAT32);
            prefix.setRequiresGradient(true);
            NDArray text = lm.embed(manager.create(new long[][] {{2023, 2003, 1037}}));
            NDArray mask = manager.ones(new Shape(1, 5), DataType.INT64);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = lm.forward(prefix.concat(text, 1), mask, false);
                NDArray loss = NextTokenLoss.mean(logits, new long[] {NextTokenLoss.IGNORE, 2023, 2003, 1037,
                        NextTokenLoss.IGNORE});
                collector.backward(loss);
            }
            assertTrue(prefix.getGradient().abs().sum().getFloat() > 0);
        }
        assertEquals(before, lm.weightsFingerprint());
        lm.block().freezeParameters(false);
    }

    @Test
    void theOutputBiasStartsAtTheTextsSmoothedUnigramLogProbabilities() {
        float[] prior = MiniLmAdaptation.unigramLogPrior(List.of(new long[] {0, 5, 5, 7}, new long[] {0, 5, 7}), 8);
        // Predicted tokens (never the leading bos): 5 three times, 7 twice; add-one over 8 tokens: 13 in all.
        assertEquals(Math.log(4 / 13.0), prior[5], 1e-6);
        assertEquals(Math.log(3 / 13.0), prior[7], 1e-6);
        assertEquals(Math.log(1 / 13.0), prior[0], 1e-6);
        assertEquals(1, Arrays.stream(new int[] {0, 1, 2, 3, 4, 5, 6, 7}).mapToDouble(t -> Math.exp(prior[t])).sum(), 1e-6);
    }

    @Test
    void batchesShiftTargetsAndPadOnTheRight() {
        LmBatch batch = LmBatch.forNextToken(List.of(new long[] {101, 5, 6, 102}, new long[] {101, 7, 102}), 0);
        assertEquals(3, batch.length());
        assertArrayEquals(new long[] {101, 5, 6, 101, 7, 0}, batch.inputIds());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 0}, batch.mask());
        assertArrayEquals(new long[] {5, 6, 102, 7, 102, NextTokenLoss.IGNORE}, batch.targets());
        assertEquals(5, batch.tokenCount());
    }
}
