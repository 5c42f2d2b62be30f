package io.semrec.training.said;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.semrec.training.data.ItemTable;
import io.semrec.training.lm.CausalLm;
import io.semrec.training.lm.NextTokenLoss;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.spec.SaidParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaidStage1Test {

    private static final long I = NextTokenLoss.IGNORE;
    private static final List<String> TEXTS = List.of(
            "red apple fruit fresh", "green apple fruit sour", "ripe banana fruit sweet", "orange juice drink cold",
            "steel hammer tool heavy", "claw hammer tool light", "steel wrench tool long", "socket wrench tool set",
            "", "blue pen office ink");

    @Test
    void softPromptBatchScoresExactlyTheTextTokens() {
        SoftPromptBatch batch = SoftPromptBatch.of(new long[] {4, 7}, new long[][] {{10, 11, 12}, {20}}, 2, 0);

        assertEquals(2, batch.textLength());
        assertArrayEquals(new long[] {10, 11, 0, 0}, batch.textIds());
        // Row 1: prefix, prefix, 10, 11 -> targets at the last prefix position and each text input but the last.
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 0, 0}, batch.mask());
        assertArrayEquals(new long[] {I, 10, 11, 12, I, 20, I, I}, batch.targets());
        assertEquals(4, batch.tokenCount());
    }

    @Test
    void onlyTheProjectorLearnsTheLanguageModelStaysBitIdentical() {
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(Map.of(SaidParameters.SOFT_TOKENS, 2,
                SaidParameters.ID_DIM, 8, SaidParameters.PROJECTOR_HIDDEN, List.of("32"),
                SaidParameters.STAGE1_EPOCHS, 150, SaidParameters.STAGE1_LR, 3e-2, SaidParameters.STAGE1_BATCH_SIZE, 4,
                SaidParameters.RECOVERY_TOKENS, 2, SaidParameters.TOKEN_BUDGET, 8, SaidParameters.THREADS, 1)));
        RecordedProgress progress = new RecordedProgress();
        try (CausalLm lm = TinyLm.create(TEXTS, 5)) {
            String before = lm.weightsFingerprint();
            long[][] tokens = SaidMethod.tokens(lm, TEXTS, params.tokenBudget());
            float[][] embeddings;
            List<SaidStage1.Epoch> epochs;
            try (SaidStage1 stage1 = new SaidStage1(lm, TEXTS.size(), params, progress, null)) {
                float[] initialRows = idRows(stage1);
                epochs = stage1.train(tokens);
                embeddings = stage1.embeddings(TEXTS.size());
                float[] trainedRows = idRows(stage1);
                int idDim = params.idDim();
                assertArrayEquals(Arrays.copyOfRange(initialRows, 8 * idDim, 9 * idDim),
                        Arrays.copyOfRange(trainedRows, 8 * idDim, 9 * idDim), "an item without text keeps its ID row");
            }

            assertEquals(before, lm.weightsFingerprint());
            assertEquals(150, epochs.size());
            // The projector's start depends on the engine's random state, so the bound leaves room: it learns.
            assertTrue(epochs.get(149).loss() < 0.6 * epochs.get(0).loss(),
                    "loss " + epochs.get(0).loss() + " -> " + epochs.get(149).loss());
            assertEquals(Math.exp(epochs.get(149).loss()), epochs.get(149).perplexity(), 1e-9);
            assertTrue(epochs.get(149).recovery() > epochs.get(0).recovery(), "recovery should improve: " + epochs);
            assertEquals(2 * lm.embeddingWidth(), embeddings[0].length);
            assertEquals(List.of(SaidMethod.STAGE1), progress.phases);
            assertEquals(150, progress.values(SaidStage1.RECOVERY).size());
        }
    }

    @Test
    void anLmWithNonFiniteWeightsFailsStageOneInsteadOfHandingOnUntrainedRows() {
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(Map.of(SaidParameters.ID_DIM, 8,
                SaidParameters.PROJECTOR_HIDDEN, List.of("16"), SaidParameters.STAGE1_EPOCHS, 1,
                SaidParameters.STAGE1_BATCH_SIZE, 4, SaidParameters.THREADS, 1)));
        try (CausalLm lm = TinyLm.create(TEXTS, 5)) {
            NDArray weight = lm.block().getParameters().valueAt(0).getArray();
            float[] nan = new float[Math.toIntExact(weight.size())];
            Arrays.fill(nan, Float.NaN);
            weight.set(nan);
            long[][] tokens = SaidMethod.tokens(lm, TEXTS, params.tokenBudget());
            RecordedProgress progress = new RecordedProgress();
            try (SaidStage1 stage1 = new SaidStage1(lm, TEXTS.size(), params, progress, null)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> stage1.train(tokens));
                assertTrue(e.getMessage().contains("applied none of its steps"), e.getMessage());
            }
            assertEquals(List.of(1.0, 2.0, 3.0), progress.values(SaidStage1.SKIPPED_STEPS), "nine texts, batches of 4");
        }
    }

    @Test
    void aRefreshTrainsOnlyNewIdRowsThroughTheBaseMlp() {
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(Map.of(SaidParameters.ID_DIM, 8,
                SaidParameters.PROJECTOR_HIDDEN, List.of("16"), SaidParameters.STAGE1_EPOCHS, 3,
                SaidParameters.STAGE1_LR, 3e-2, SaidParameters.STAGE1_BATCH_SIZE, 4, SaidParameters.THREADS, 1)));
        try (CausalLm lm = TinyLm.create(TEXTS, 5)) {
            long[][] tokens = SaidMethod.tokens(lm, TEXTS, params.tokenBudget());
            ProjectorWeights base;
            try (SaidStage1 stage1 = new SaidStage1(lm, TEXTS.size(), params, new RecordedProgress(), null)) {
                stage1.train(tokens);
                base = stage1.weights();
            }
            long[][] newTexts = Arrays.copyOfRange(tokens, 0, 3);
            try (SaidStage1 refresh = new SaidStage1(lm, 3, params, new RecordedProgress(), base)) {
                float[] initialRows = idRows(refresh);
                refresh.train(newTexts);
                ProjectorWeights refreshed = refresh.weights();

                for (String name : base.tensors().tensors().keySet()) {
                    if (!name.equals(ProjectorWeights.ID_EMBEDDING)) {
                        assertArrayEquals(base.tensors().require(name).toFloats(),
                                refreshed.tensors().require(name).toFloats(), name);
                    }
                }
                assertTrue(!Arrays.equals(initialRows, idRows(refresh)), "the new rows learn");
            }
        }
    }

    @Test
    void aBatchWithANonFiniteLossIsSkippedAndTheMlpStaysFinite() {
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(Map.of(SaidParameters.ID_DIM, 8,
                SaidParameters.PROJECTOR_HIDDEN, List.of("16"), SaidParameters.STAGE1_EPOCHS, 2,
                SaidParameters.STAGE1_BATCH_SIZE, 2, SaidParameters.THREADS, 1)));
        try (CausalLm lm = TinyLm.create(TEXTS, 5);
                SaidStage1 stage1 = new SaidStage1(lm, TEXTS.size(), params, new RecordedProgress(), null)) {
            float[] rows = stage1.projector().idTable.getArray().toFloatArray();
            Arrays.fill(rows, 0, params.idDim(), Float.NaN);
            stage1.projector().idTable.getArray().set(rows);

            stage1.train(SaidMethod.tokens(lm, TEXTS, params.tokenBudget()));

            assertEquals(2, stage1.skippedSteps(), "item 0's batch, once per epoch");
            for (var entry : stage1.weights().tensors().tensors().entrySet()) {
                float[] values = entry.getValue().toFloats();
                int from = entry.getKey().equals(ProjectorWeights.ID_EMBEDDING) ? params.idDim() : 0;
                for (int i = from; i < values.length; i++) {
                    assertTrue(Float.isFinite(values[i]), entry.getKey() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void aTextStartPutsEachItemsTextCoordinatesInItsIdRow() {
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(Map.of(SaidParameters.ID_DIM, 4,
                SaidParameters.PROJECTOR_HIDDEN, List.of("8"), SaidParameters.THREADS, 1)));
        ItemTable items = titled(TEXTS);
        float[][] text = TextIdStart.rows(items, params.idDim());
        try (CausalLm lm = TinyLm.create(TEXTS, 5);
                SaidStage1 stage1 = new SaidStage1(lm, TEXTS.size(), params, new RecordedProgress(), null)) {
            float[] initial = idRows(stage1);
            stage1.startIds(items);
            float[] started = idRows(stage1);
            for (int item = 0; item < TEXTS.size(); item++) {
                float[] row = Arrays.copyOfRange(started, item * 4, (item + 1) * 4);
                assertArrayEquals(item == 8 ? Arrays.copyOfRange(initial, 32, 36) : text[item], row, "item " + item);
            }
        }
    }

    @Test
    void textStartRowsPlaceSimilarTextsCloseAndHaveUnitVariancePerDimension() {
        float[][] rows = TextIdStart.rows(titled(TEXTS), 4);

        assertNull(rows[8], "an item without text has no text start");
        assertEquals(2.0, norm(rows[0]), 1e-5);
        // Apples are closer to each other than an apple to a hammer, wrenches than a wrench to juice.
        assertTrue(cosine(rows[0], rows[1]) > cosine(rows[0], rows[5]));
        assertTrue(cosine(rows[6], rows[7]) > cosine(rows[6], rows[3]));
    }

    private static ItemTable titled(List<String> texts) {
        int n = texts.size();
        List<Map<String, Object>> attributes = texts.stream()
                .map(text -> text.isEmpty() ? Map.<String, Object>of() : Map.<String, Object>of("title", text)).toList();
        boolean[] available = new boolean[n];
        Arrays.fill(available, true);
        return new ItemTable(java.util.stream.LongStream.range(1, n + 1).toArray(),
                java.util.stream.IntStream.range(0, n).mapToObj(i -> "i" + i).toArray(String[]::new), attributes,
                available);
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / (norm(a) * norm(b));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static float[] idRows(SaidStage1 stage1) {
        return stage1.weights().tensors().require(ProjectorWeights.ID_EMBEDDING).toFloats();
    }

    @Test
    void recoveryRateCountsItemsWhoseFirstTokensGreedyDecodingReproduces() {
        try (CausalLm lm = TinyLm.create(TEXTS, 6)) {
            long[][] tokens = SaidMethod.tokens(lm, TEXTS, 8);
            ExactRecovery recovery = new ExactRecovery(lm, 2);
            // Soft tokens = the embeddings of each item's own first two words: the LM decodes whatever it
            // decodes; the rate must agree with comparing decode()'s output by hand.
            ExactRecovery.SoftTokens soft = (manager, items) -> {
                long[] ids = new long[items.length * 2];
                for (int b = 0; b < items.length; b++) {
                    ids[2 * b] = tokens[(int) items[b]][0];
                    ids[2 * b + 1] = tokens[(int) items[b]][1];
                }
                return lm.embed(manager.create(ids, new ai.djl.ndarray.types.Shape(items.length, 2)));
            };
            int[] sample = {0, 1, 2, 3, 4};
            long[][] decoded = recovery.decode(soft, new long[] {0, 1, 2, 3, 4});
            int same = 0;
            for (int b = 0; b < sample.length; b++) {
                same += decoded[b][0] == tokens[b][0] && decoded[b][1] == tokens[b][1] ? 1 : 0;
            }

            assertEquals(same / 5.0, recovery.rate(soft, sample, tokens), 1e-12);
        }
    }
}
