package io.semrec.training.recformer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.recformer.model.RecformerCheckpoints;
import io.semrec.training.recformer.model.RecformerConfig;
import io.semrec.training.spec.RecformerParameters;
import io.semrec.training.text.PretrainedMiniLm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** A tiny Recformer setup for smoke tests: a small random encoder over MiniLM's vocabulary, small budgets. */
final class TinyRecformer {

    /** Hidden 16, 2 layers, 64 token positions, 5 items per sequence, window 8. */
    static final RecformerConfig CONFIG = new RecformerConfig(new RecformerArchitecture(
            PretrainedMiniLm.CONFIG.vocabSize(), 16, 2, 2, 32, 64, 0, 6, RecformerArchitecture.TOKEN_TYPES, 8, 1e-5f),
            0f, 0.2f);

    private static final int RANDOM_ENCODER_SEED = 7;
    private static final String[] COLOURS = {"red", "blue", "green", "black"};
    private static final String[] THINGS = {"stapler", "pen", "folder", "lamp", "desk", "chair"};

    private TinyRecformer() {
    }

    /** Job parameters that fit {@link #CONFIG} and run in seconds. */
    static Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(RecformerParameters.ATTRIBUTE_TOKENS, 6);
        params.put(RecformerParameters.MAX_ITEMS, 5);
        params.put(RecformerParameters.TRAIN_TOKEN_BUDGET, 32);
        params.put(RecformerParameters.SERVING_TOKEN_BUDGET, 48);
        params.put(RecformerParameters.WINDOW, 8);
        params.put(RecformerParameters.PRETRAIN_EPOCHS, 1);
        params.put(RecformerParameters.PRETRAIN_BATCH_SIZE, 8);
        params.put(RecformerParameters.PRETRAIN_LR, 1e-3);
        params.put(RecformerParameters.FINETUNE_EPOCHS, 2);
        params.put(RecformerParameters.FROZEN_EPOCHS, 1);
        params.put(RecformerParameters.FINETUNE_LR, 1e-3);
        params.put(RecformerParameters.FINETUNE_BATCH_SIZE, 8);
        params.put(RecformerParameters.PATIENCE, 2);
        params.put(RecformerParameters.THREADS, 1);
        return params;
    }

    static RecformerSettings settings() {
        return RecformerSettings.from(RecformerParameters.SPEC.resolve(params()));
    }

    /** Item {@code i}'s attributes: a colour and a thing, so items differ in text. */
    static Map<String, Object> item(int i) {
        return Map.of("title", COLOURS[i % COLOURS.length] + " " + THINGS[i % THINGS.length] + " " + i,
                "brand", "brand" + (i % 3));
    }

    static List<Map<String, Object>> items(int count) {
        return IntStream.range(0, count).mapToObj(TinyRecformer::item).toList();
    }

    /** Histories where item i is always followed by item i + 1 (mod n). */
    static int[][] successorHistories(int items, int users, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] histories = new int[users][];
        for (int u = 0; u < users; u++) {
            int start = random.nextInt(items);
            histories[u] = new int[random.nextInt(4, 8)];
            for (int t = 0; t < histories[u].length; t++) {
                histories[u][t] = (start + t) % items;
            }
        }
        return histories;
    }

    /** The same random weights on every call (the engine's generator is seeded first), so tests repeat. */
    static SafeTensors randomEncoder() {
        Engine.getInstance().setRandomSeed(RANDOM_ENCODER_SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            return RecformerCheckpoints.toSafeTensors(RecformerCheckpoints.create(CONFIG, manager));
        }
    }
}
