package io.semrec.training.recformer.model;

import io.semrec.encoder.RecformerArchitecture;
import java.util.SplittableRandom;

/** Random Recformer token sequences for tests: [CLS], then items of key and value tokens. */
final class RecformerFixtures {

    private RecformerFixtures() {
    }

    /** [CLS] plus {@code items} items of {@code tokensPerItem} tokens (one key token, then values), newest first. */
    static RecformerInput.Sequence sequence(SplittableRandom random, RecformerConfig config, int items,
            int tokensPerItem) {
        int length = 1 + items * tokensPerItem;
        int[] ids = new int[length];
        int[] types = new int[length];
        int[] itemPositions = new int[length];
        ids[0] = 1;
        types[0] = RecformerArchitecture.CLS;
        for (int t = 1; t < length; t++) {
            int item = (t - 1) / tokensPerItem + 1;
            ids[t] = 2 + random.nextInt(config.vocabSize() - 2);
            types[t] = (t - 1) % tokensPerItem == 0 ? RecformerArchitecture.KEY : RecformerArchitecture.VALUE;
            itemPositions[t] = item;
        }
        return new RecformerInput.Sequence(ids, types, itemPositions);
    }
}
