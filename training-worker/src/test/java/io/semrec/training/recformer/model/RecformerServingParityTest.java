package io.semrec.training.recformer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.encoder.RecformerEncoder.Sequence;
import io.semrec.encoder.RecformerItemTokens;
import io.semrec.training.text.FloatTensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The plain-Java serving encoder in core against this module's DJL encoder, and its sequence rules. */
class RecformerServingParityTest {

    /** Small but with every feature in play: offset positions, a window shorter than most sequences. */
    private static final RecformerConfig CONFIG = new RecformerConfig(
            new RecformerArchitecture(120, 32, 3, 4, 64, 400, 2, 51, 4, 8, 1e-5f), 0f, 0.02f);
    private static final int CLS_TOKEN = 1;

    /** A fresh manager for each test, closed after it. */
    @AutoClose
    private final NDManager manager = NDManager.newBaseManager();

    @Test
    void javaClsMatchesDjlForHistoriesOf1To50Items() throws IOException {
        SplittableRandom random = new SplittableRandom(31);
        RecformerEncoder djl = randomEncoder(random);
        RecformerItemTokens items = randomItems(random, 80);
        io.semrec.encoder.RecformerEncoder served = serving(djl, items, 400);
        for (int count : new int[] {1, 5, 20, 50}) {
            long[] history = random.longs(count, 1000, 1080).toArray();
            Sequence sequence = served.sequence(history);
            float[] expected = djlCls(djl, sequence);
            float[] actual = served.clsVector(sequence);
            float diff = maxAbsDiff(expected, actual);
            assertTrue(diff < 1e-4f, count + " items (" + sequence.length() + " tokens): CLS differs by " + diff);
            float[] unit = served.encodeItems(history);
            double norm = Math.sqrt(dot(expected, expected));
            for (int k = 0; k < unit.length; k++) {
                assertEquals(expected[k] / norm, unit[k], 1e-4, "served vectors are the unit CLS");
            }
        }
    }

    @Test
    void rowsSpreadOverThreadsGiveTheSameVector() throws IOException {
        SplittableRandom random = new SplittableRandom(41);
        RecformerEncoder djl = randomEncoder(random);
        RecformerItemTokens items = randomItems(random, 80);
        long[] history = random.longs(20, 1000, 1080).toArray();
        assertArrayEquals(serving(djl, items, 400, 1).encodeItems(history),
                serving(djl, items, 400, 3).encodeItems(history), 0f);
    }

    @Test
    void sequenceIsClsThenNewestItemsFirstUnderTheTokenBudget() throws IOException {
        RecformerItemTokens items = new RecformerItemTokens(new long[] {7, 8, 9}, new long[] {0, 2, 5, 6},
                new int[] {10, 11, 20, 21, 22, 30}, new int[] {1, 2, 1, 2, 2, 1}, CLS_TOKEN);
        io.semrec.encoder.RecformerEncoder served = serving(randomEncoder(new SplittableRandom(2)), items, 6);
        Sequence sequence = served.sequence(new long[] {7, 404, 8, 9});
        assertArrayEquals(new int[] {CLS_TOKEN, 30, 20, 21, 22, 10}, sequence.tokenIds(),
                "newest first, unknown item 404 skipped, the oldest kept item cut at the budget");
        assertArrayEquals(new int[] {0, 1, 1, 2, 2, 1}, sequence.tokenTypes());
        assertArrayEquals(new int[] {0, 1, 2, 2, 2, 3}, sequence.itemPositions());
        assertThrows(IllegalArgumentException.class, () -> served.sequence(new long[] {404}));
        assertThrows(UnsupportedOperationException.class, () -> served.encode(List.of(new float[32])));
    }

    @Test
    void sequenceHoldsAtMostItemPositionsMinusOneItems() throws IOException {
        RecformerItemTokens items = randomItems(new SplittableRandom(5), 80);
        io.semrec.encoder.RecformerEncoder served = serving(randomEncoder(new SplittableRandom(6)), items, 400);
        long[] history = new long[70];
        for (int i = 0; i < history.length; i++) {
            history[i] = 1000 + i;
        }
        Sequence sequence = served.sequence(history);
        int[] positions = sequence.itemPositions();
        assertEquals(50, positions[positions.length - 1]);
        assertTrue(sequence.length() <= 400);
    }

    @Test
    void artifactRoundTripsThroughBytes() throws IOException {
        SplittableRandom random = new SplittableRandom(8);
        RecformerEncoder djl = randomEncoder(random);
        RecformerItemTokens items = randomItems(random, 10);
        byte[] bytes = io.semrec.encoder.RecformerEncoder.artifact(RecformerCheckpoints.toSafeTensors(djl), items)
                .toBytes();
        io.semrec.encoder.RecformerEncoder served = io.semrec.encoder.RecformerEncoder.read(bytes, 64, 1);
        assertEquals(CONFIG.architecture(), served.architecture());
        long[] history = {1003, 1001};
        assertArrayEquals(serving(djl, items, 64).encodeItems(history), served.encodeItems(history), 0f);
    }

    static io.semrec.encoder.RecformerEncoder serving(RecformerEncoder djl, RecformerItemTokens items,
            int tokenBudget) throws IOException {
        return serving(djl, items, tokenBudget, 1);
    }

    static io.semrec.encoder.RecformerEncoder serving(RecformerEncoder djl, RecformerItemTokens items,
            int tokenBudget, int threads) throws IOException {
        SafeTensors weights = SafeTensors.read(RecformerCheckpoints.toSafeTensors(djl).toBytes());
        return new io.semrec.encoder.RecformerEncoder(weights, items, tokenBudget, threads);
    }

    static float[] djlCls(RecformerEncoder djl, Sequence sequence) {
        try (NDManager batch = djl.getParameters().valueAt(0).getArray().getManager().newSubManager()) {
            RecformerInput input = RecformerInput.of(List.of(new RecformerInput.Sequence(sequence.tokenIds(),
                    sequence.tokenTypes(), sequence.itemPositions())));
            return djl.forward(new ParameterStore(batch, false), input.toNDList(batch), false).get(1).toFloatArray();
        }
    }

    /** Every tensor random at a scale where attention and layer norms are far from trivial. */
    private RecformerEncoder randomEncoder(SplittableRandom random) {
        RecformerEncoder encoder = RecformerCheckpoints.create(CONFIG, manager);
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        encoder.weights().forEach((name, tensor) -> {
            float[] values = new float[tensor.values().length];
            boolean gain = name.endsWith("LayerNorm.weight") || name.endsWith("layer_norm.weight");
            double std = tensor.shape().length == 2 ? 1 / Math.sqrt(tensor.shape()[1]) * 1.5 : 0.2;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std + (gain ? 1 : 0));
            }
            weights.put(name, new FloatTensor(tensor.shape(), values));
        });
        encoder.loadWeights(weights);
        return encoder;
    }

    /** Items 1000.. with 3 to 8 tokens each: a key token, then values. */
    private static RecformerItemTokens randomItems(SplittableRandom random, int count) {
        long[] ids = new long[count];
        long[] offsets = new long[count + 1];
        int[] tokens = new int[count * 8];
        int[] types = new int[count * 8];
        int at = 0;
        for (int n = 0; n < count; n++) {
            ids[n] = 1000 + n;
            int length = 3 + random.nextInt(6);
            for (int t = 0; t < length; t++) {
                tokens[at] = 2 + random.nextInt(CONFIG.vocabSize() - 2);
                types[at] = t == 0 ? RecformerArchitecture.KEY : RecformerArchitecture.VALUE;
                at++;
            }
            offsets[n + 1] = at;
        }
        return new RecformerItemTokens(ids, offsets, Arrays.copyOf(tokens, at),
                Arrays.copyOf(types, at), CLS_TOKEN);
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
