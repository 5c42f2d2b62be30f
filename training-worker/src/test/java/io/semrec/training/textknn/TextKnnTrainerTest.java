package io.semrec.training.textknn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.EvaluationSet;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.training.data.ItemTable;
import io.semrec.training.spec.TextKnnParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextKnnTrainerTest {

    private final ItemTable items = new ItemTable(
            new long[] {1, 2, 3, 4, 5},
            new String[] {"a", "b", "c", "d", "e"},
            List.of(
                    Map.of("title", "red ballpoint pen", "brand", "Acme"),
                    Map.of("title", "blue ballpoint pen", "brand", "Acme"),
                    Map.of("title", "printer ink cartridge", "brand", "Inko"),
                    Map.of("title", "ink cartridge refill", "brand", "Inko"),
                    Map.of("title", "spiral notebook", "description", "ballpoint pen ink")),
            new boolean[] {true, true, true, true, true});

    private final TextKnnConfig config = TextKnnConfig.from(TextKnnParameters.SPEC.resolve(Map.of("dim", 8)));

    @Test
    void publishedVectorsHaveTheConfiguredWidthAndUnitLength() {
        TextKnnModel model = TextKnnTrainer.train(items, config);
        assertEquals(8, model.dim());
        for (float[] vector : model.itemVectors()) {
            double length = 0;
            for (float x : vector) {
                length += x * x;
            }
            assertEquals(1, length, 1e-5);
        }
    }

    @Test
    void ranksItemsWithSharedTextFirstInBothForms() {
        // Everything ranks below the only other pen (or cartridge); "description" is not a default attribute.
        EvaluationSet users = new EvaluationSet(new int[][] {{0}, {2}}, new int[] {1, 3});
        FullRankingEvaluator evaluator = new FullRankingEvaluator(items.size(), EvaluationOptions.DEFAULTS);
        SparseTfIdfScorer sparse = new SparseTfIdfScorer(TfIdfItems.of(items, config), TextKnnModel.encoderFor(config));
        assertArrayEquals(new int[] {1, 1}, evaluator.ranks(sparse, users));
        assertArrayEquals(new int[] {1, 1}, evaluator.ranks(TextKnnTrainer.train(items, config).scorer(), users));
    }

    @Test
    void trainingIsDeterministic() {
        assertArrayEquals(TextKnnTrainer.train(items, config).itemVectors(),
                TextKnnTrainer.train(items, config).itemVectors());
    }
}
