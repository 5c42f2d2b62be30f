package io.semrec.training.recformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.spec.RecformerParameters;
import io.semrec.training.text.PretrainedMiniLm;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pre-training and two-stage fine-tuning of a tiny encoder on synthetic item text, in seconds. */
class RecformerTrainerTest {

    private static final int ITEMS = 12;

    @Test
    void pretrainsThenFinetunesAndKeepsTheBestCheckpoint() throws Exception {
        RecformerSettings settings = TinyRecformer.settings();
        int[][] histories = TinyRecformer.successorHistories(ITEMS, 40, 3);
        LeaveOneOutSplit split = LeaveOneOutSplit.of(histories);
        try (Tiny tiny = new Tiny(settings)) {
            ItemTokens[] items = tiny.items;
            RecformerTrainer trainer = tiny.trainer;
            RecordedProgress progress = tiny.progress;

            SafeTensors pretrained = trainer.pretrain(RecformerTrainer.fromWeights(TinyRecformer.randomEncoder()),
                    items, split.trainSequences());
            List<Double> itemItem = progress.values(RecformerTrainer.PRETRAIN_ITEM_ITEM_LOSS);
            List<Double> maskedLm = progress.values(RecformerTrainer.PRETRAIN_MLM_LOSS);
            assertEquals(5, itemItem.size(), "40 sequences in batches of 8");
            assertTrue(itemItem.stream().allMatch(loss -> loss > 0 && Double.isFinite(loss)), itemItem.toString());
            assertTrue(maskedLm.stream().allMatch(loss -> loss > 0 && Double.isFinite(loss)), maskedLm.toString());

            try (RecformerTrainer.Finetuned finetuned = trainer.finetune(RecformerTrainer.fromWeights(pretrained),
                    items, split)) {
                assertEquals(3, finetuned.epochs(), "two stage-1 epochs and one frozen");
                List<Double> validation = progress.values(TrainingMetrics.VALIDATION_NDCG_10);
                assertEquals(4, validation.size(), "the starting encoder as epoch 0, then three epochs");
                double best = validation.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max()
                        .orElseThrow();
                assertEquals(validation.indexOf(best), finetuned.bestEpoch(), "the first best epoch is kept");
                assertEquals(ITEMS, finetuned.itemVectors().length);
                assertEquals(16, finetuned.itemVectors()[0].length);

                // The kept checkpoint scores the validation users as it did when it was chosen.
                RankingMetrics again = new FullRankingEvaluator(ITEMS, EvaluationOptions.DEFAULTS
                        .withHistoryWindow(settings.maxItems()))
                        .evaluate(finetuned.scorer(items, trainer.servingAssembler()), split.validation());
                assertEquals(best, again.ndcgAt10(), 1e-6);
            }
        }
    }

    @Test
    void stageTwoAloneTrainsAgainstThePretrainedItemMatrix() {
        RecformerSettings settings = settings(Map.of(RecformerParameters.FINETUNE_EPOCHS, 0,
                RecformerParameters.FROZEN_EPOCHS, 1));
        LeaveOneOutSplit split = LeaveOneOutSplit.of(TinyRecformer.successorHistories(ITEMS, 20, 4));
        try (Tiny tiny = new Tiny(settings)) {
            ItemTokens[] items = tiny.items;
            RecformerTrainer trainer = tiny.trainer;
            RecordedProgress progress = tiny.progress;
            try (RecformerTrainer.Finetuned finetuned = trainer.finetune(
                    RecformerTrainer.fromWeights(TinyRecformer.randomEncoder()), items, split)) {
                assertEquals(1, finetuned.epochs());
                List<Double> validation = progress.values(TrainingMetrics.VALIDATION_NDCG_10);
                assertEquals(2, validation.size(), "the starting encoder, then the frozen epoch");
                assertEquals(validation.get(1) > validation.get(0) ? 1 : 0, finetuned.bestEpoch(),
                        "the frozen epoch replaces the starting encoder only when it validates better");
            }
        }
    }

    @Test
    void aKeptStageOneEpochPublishesTheItemsItsOwnWeightsEncode() {
        RecformerSettings settings = settings(Map.of(RecformerParameters.FINETUNE_EPOCHS, 3,
                RecformerParameters.FROZEN_EPOCHS, 0, RecformerParameters.PATIENCE, 3));
        LeaveOneOutSplit split = LeaveOneOutSplit.of(TinyRecformer.successorHistories(ITEMS, 40, 3));
        try (Tiny tiny = new Tiny(settings)) {
            ItemTokens[] items = tiny.items;
            RecformerTrainer trainer = tiny.trainer;
            SafeTensors start = TinyRecformer.randomEncoder();
            try (RecformerTrainer.Finetuned finetuned = trainer.finetune(RecformerTrainer.fromWeights(start), items,
                    split)) {
                assertTrue(finetuned.bestEpoch() > 0, "a random encoder must lose to fine-tuning on successor data");
                float[][] own = trainer.encodeItems(RecformerTrainer.fromWeights(finetuned.weights()), items);
                float[][] before = trainer.encodeItems(RecformerTrainer.fromWeights(start), items);
                // Not the matrix the kept epoch trained against (encoded by the weights it started from).
                assertEquals(0, maxDifference(own, finetuned.itemVectors()), 1e-5);
                assertTrue(maxDifference(before, finetuned.itemVectors()) > 1e-3);
            }
        }
    }

    @Test
    void aStepWithANonFiniteLossIsSkippedAndChangesNoWeight() {
        RecformerSettings settings = TinyRecformer.settings();
        try (RecformerModel model = tinyModel()) {
            List<TokenSequence> itemSequences = itemSequences(settings);
            float[][] matrix = model.encode(itemSequences, 8);
            matrix[2][0] = Float.NaN;
            model.setItemMatrix(matrix);
            Map<String, float[]> before = model.snapshot();
            float loss = model.finetuneStep(itemSequences.subList(0, 4), new int[] {1, 2, 3, 4}, settings.tau());
            assertTrue(Float.isNaN(loss));
            assertEquals(1, model.skippedSteps());
            Map<String, float[]> after = model.snapshot();
            before.forEach((id, values) -> assertTrue(Arrays.equals(values, after.get(id)), id));

            model.setItemMatrix(model.encode(itemSequences, 8));
            model.finetuneStep(itemSequences.subList(0, 4), new int[] {1, 2, 3, 4}, settings.tau());
            assertEquals(1, model.skippedSteps(), "a finite step after the skipped one applies");
            assertTrue(model.snapshot().entrySet().stream().anyMatch(e -> !Arrays.equals(e.getValue(),
                    before.get(e.getKey()))));
        }
    }

    @Test
    void anEncoderThatOnlyGivesNaNIsNeitherPretrainedNorFineTuned() {
        RecformerSettings settings = TinyRecformer.settings();
        LeaveOneOutSplit split = LeaveOneOutSplit.of(TinyRecformer.successorHistories(ITEMS, 20, 5));
        Map<String, Tensor> tensors = new LinkedHashMap<>(TinyRecformer.randomEncoder().tensors());
        Tensor norm = tensors.get("embeddings.LayerNorm.weight");
        float[] nan = new float[Math.toIntExact(norm.elementCount())];
        Arrays.fill(nan, Float.NaN);
        tensors.put("embeddings.LayerNorm.weight", Tensor.f32(norm.shape(), nan));
        SafeTensors broken = new SafeTensors(tensors, TinyRecformer.randomEncoder().metadata());
        try (Tiny tiny = new Tiny(settings)) {
            ItemTokens[] items = tiny.items;
            RecformerTrainer trainer = tiny.trainer;
            RecordedProgress progress = tiny.progress;
            IllegalStateException pretraining = assertThrows(IllegalStateException.class,
                    () -> trainer.pretrain(RecformerTrainer.fromWeights(broken), items, split.trainSequences()));
            assertTrue(pretraining.getMessage().contains("pre-training diverged"), pretraining.getMessage());
            assertFalse(progress.values(RecformerTrainer.PRETRAIN_SKIPPED_STEPS).isEmpty());
            IllegalStateException finetuning = assertThrows(IllegalStateException.class,
                    () -> trainer.finetune(RecformerTrainer.fromWeights(broken), items, split).close());
            assertTrue(finetuning.getMessage().contains("fine-tuning epoch 1 diverged"), finetuning.getMessage());
        }
    }

    @Test
    void finetuningOnlyTheTopLayerLeavesTheEmbeddingsAndTheLayerBelowAsTheyWere() {
        RecformerSettings settings = TinyRecformer.settings();
        try (RecformerModel model = tinyModel(1)) {
            List<TokenSequence> itemSequences = itemSequences(settings);
            model.setItemMatrix(model.encode(itemSequences, 8));
            Map<String, Tensor> before = model.weights().tensors();
            model.finetuneStep(itemSequences.subList(0, 4), new int[] {1, 2, 3, 4}, settings.tau());
            Map<String, Tensor> after = model.weights().tensors();
            int changedAbove = 0;
            for (String name : before.keySet()) {
                boolean changed = !Arrays.equals(before.get(name).toFloats(), after.get(name).toFloats());
                if (RecformerModel.belowLayer(name, 1)) {
                    assertFalse(changed, name + " is frozen");
                } else if (changed) {
                    changedAbove++;
                }
            }
            assertTrue(before.keySet().stream().anyMatch(name -> name.startsWith("embeddings.")));
            assertTrue(before.keySet().stream().anyMatch(name -> name.startsWith("encoder.layer.0.")));
            assertTrue(changedAbove > 0, "the top layer learns");
        }
    }

    /** A model of the tiny random encoder, learning rate 1e-3, one thread, every layer trainable. */
    private static RecformerModel tinyModel() {
        return tinyModel(Integer.MAX_VALUE);
    }

    /** The same with only the top {@code trainableLayers} layers trainable. */
    private static RecformerModel tinyModel(int trainableLayers) {
        return RecformerModel.create(RecformerTrainer.fromWeights(TinyRecformer.randomEncoder()), 1e-3, 1, 1,
                Device.cpu(), trainableLayers);
    }

    /** The tiny settings with some parameters changed. */
    private static RecformerSettings settings(Map<String, Object> changes) {
        Map<String, Object> params = new LinkedHashMap<>(TinyRecformer.params());
        params.putAll(changes);
        return RecformerSettings.from(RecformerParameters.SPEC.resolve(params));
    }

    /** The tiny items tokenised, and a CPU trainer recording its progress. */
    private static final class Tiny implements AutoCloseable {
        final KeyValueTokenizer tokenizer;
        final ItemTokens[] items;
        final RecordedProgress progress = new RecordedProgress();
        final RecformerTrainer trainer;

        Tiny(RecformerSettings settings) {
            tokenizer = new KeyValueTokenizer(RecformerFixture.miniLm().tokenizerFile(), settings.attributes(),
                    settings.attributeTokens());
            items = TinyRecformer.items(ITEMS).stream().map(tokenizer::item).toArray(ItemTokens[]::new);
            trainer = new RecformerTrainer(settings, tokenizer, PretrainedMiniLm.CONFIG.vocabSize(), Device.cpu(),
                    progress, true);
        }

        @Override
        public void close() {
            tokenizer.close();
        }
    }

    private static double maxDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return max;
    }

    @Test
    void fineTuningStepsLeaveNothingBehindOnTheItemMatrix() {
        RecformerSettings settings = TinyRecformer.settings();
        try (RecformerModel model = tinyModel()) {
            List<TokenSequence> itemSequences = itemSequences(settings);
            model.setItemMatrix(model.encode(itemSequences, 8));
            int held = model.itemMatrixArrays();
            for (int step = 0; step < 5; step++) {
                model.finetuneStep(itemSequences.subList(0, 4), new int[] {1, 2, 3, 4}, settings.tau());
            }
            assertEquals(held, model.itemMatrixArrays(), "arrays made by steps must go with their batch");
        }
    }

    @Test
    void encodingAndStepsLeaveNothingBehindOnTheModel() {
        RecformerSettings settings = TinyRecformer.settings();
        try (RecformerModel model = tinyModel()) {
            List<TokenSequence> itemSequences = itemSequences(settings);
            model.setItemMatrix(model.encode(itemSequences, 8));
            model.finetuneStep(itemSequences.subList(0, 4), new int[] {1, 2, 3, 4}, settings.tau());
            int held = model.managedArrays();
            model.encode(itemSequences, 8);
            assertEquals(held, model.managedArrays(), "encoding");
            model.finetuneStep(itemSequences.subList(0, 4), new int[] {1, 2, 3, 4}, settings.tau());
            assertEquals(held, model.managedArrays(), "a fine-tuning step");
        }
    }

    /** Each tiny item as a one-item training sequence. */
    private static List<TokenSequence> itemSequences(RecformerSettings settings) {
        try (KeyValueTokenizer tokenizer = new KeyValueTokenizer(RecformerFixture.miniLm().tokenizerFile(),
                settings.attributes(), settings.attributeTokens())) {
            SequenceAssembler assembler = new SequenceAssembler(tokenizer.clsId(), settings.maxItems(),
                    settings.trainTokenBudget());
            return TinyRecformer.items(ITEMS).stream().map(tokenizer::item).map(assembler::item).toList();
        }
    }
}
