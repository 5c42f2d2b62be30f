package io.semrec.training.recformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.recformer.model.RecformerCheckpoints;
import io.semrec.training.recformer.model.RecformerConfig;
import io.semrec.training.spec.RecformerParameters;
import io.semrec.training.support.SharedDatasets;
import io.semrec.training.text.PretrainedMiniLm;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default warm start must give items distinct CLS vectors (docs/decisions/0011): all-MiniLM-L6-v2 was
 * trained through mean pooling of its last layer, so only there is the CLS row a trained output; cut to
 * fewer layers, every item's CLS vector is nearly the same and cosine / tau has nothing to learn from.
 */
class RecformerWarmStartTest {

    private static final int ITEMS = 60;

    @Test
    void defaultWarmStartGivesItemsDistinctClsVectorsWhereACutModelDoesNot() {
        InteractionDataset office = DatasetFolderLoader.load(SharedDatasets.require("amazon-office"));
        PretrainedMiniLm miniLm = RecformerFixture.miniLm();
        RecformerSettings defaults = RecformerSettings.DEFAULTS;
        try (KeyValueTokenizer tokenizer = new KeyValueTokenizer(miniLm.tokenizerFile(), defaults.attributes(),
                defaults.attributeTokens())) {
            ItemTokens[] items = tokenizer.items(office.items());
            SequenceAssembler assembler = new SequenceAssembler(tokenizer.clsId(), defaults.maxItems(),
                    defaults.trainTokenBudget());

            RecformerOfflineRun.ItemSimilarity full = similarity(defaults, miniLm, items, assembler);
            RecformerSettings cut = RecformerSettings.from(
                    RecformerParameters.SPEC.resolve(Map.of(RecformerParameters.LAYERS, 2)));
            RecformerOfflineRun.ItemSimilarity twoLayers = similarity(cut, miniLm, items, assembler);

            assertTrue(full.cls() < 0.8, "six layers: CLS vectors differ, mean cosine " + full.cls());
            assertTrue(twoLayers.cls() > 0.99, "two layers: CLS vectors nearly equal, mean cosine " + twoLayers.cls());
            assertTrue(twoLayers.meanPooled() < 0.9, "the text is still told apart by mean pooling");
        }
    }

    private static RecformerOfflineRun.ItemSimilarity similarity(RecformerSettings settings, PretrainedMiniLm miniLm,
            ItemTokens[] items, SequenceAssembler assembler) {
        RecformerConfig config = RecformerPretraining.miniLmConfig(settings);
        return RecformerOfflineRun.itemSimilarity(
                manager -> RecformerCheckpoints.warmStartFromMiniLm(config, miniLm, manager), items, assembler, ITEMS);
    }
}
