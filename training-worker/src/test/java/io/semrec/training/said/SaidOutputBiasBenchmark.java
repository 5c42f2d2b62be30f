package io.semrec.training.said;

import ai.djl.Device;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.lm.CausalLm;
import io.semrec.training.lm.MiniLmBootstrap;
import io.semrec.training.spec.SaidParameters;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.support.SharedDatasets;
import io.semrec.training.text.PretrainedMiniLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Stage 2 with and without the output bias (and the GRU), on one shared stage 1 over a real dataset
 * ({@code -Dsemrec.said.dataset}, default amazon-office) with the unadapted MiniLM. Prints test metrics
 * of each; asserts nothing; runs only with {@code -Dsemrec.benchmark=true}. Stage-2 epochs:
 * {@code -Dsemrec.said.maxEpochs} (default 10), patience 3.
 */
@EnabledIfSystemProperty(named = "semrec.benchmark", matches = "true")
class SaidOutputBiasBenchmark {

    @Test
    void compareOutputSides() throws Exception {
        String name = System.getProperty("semrec.said.dataset", "amazon-office");
        InteractionDataset data = DatasetFolderLoader.load(SharedDatasets.require(name));
        Map<String, Object> base = new HashMap<>(Map.of(SaidParameters.MAX_EPOCHS,
                Integer.getInteger("semrec.said.maxEpochs", 10), SaidParameters.PATIENCE, 3,
                SaidParameters.THREADS, Integer.getInteger("semrec.said.threads", 2)));
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(base));
        List<String> texts = SaidMethod.itemTexts(data.items(), params.textTemplate());
        long start = System.nanoTime();
        float[][] embeddings;
        double recovery;
        try (CausalLm lm = MiniLmBootstrap.load(PretrainedMiniLm.extractTo(PretrainedMiniLm.defaultCacheDir()),
                Device.cpu()); SaidStage1 stage1 = new SaidStage1(lm, data.itemCount(), params, new RecordedProgress(),
                        null)) {
            List<SaidStage1.Epoch> epochs = stage1.train(SaidMethod.tokens(lm, texts, params.tokenBudget()));
            recovery = epochs.get(epochs.size() - 1).recovery();
            embeddings = stage1.embeddings(data.itemCount());
            print("%s stage 1: %.0f s, %s", name, (System.nanoTime() - start) / 1e9, epochs);
        }
        LeaveOneOutSplit split = LeaveOneOutSplit.of(data);
        for (String variant : List.of("transformer:true", "transformer:false", "gru:true")) {
            Map<String, Object> submitted = new HashMap<>(base);
            submitted.put(SaidParameters.DOWNSTREAM, variant.split(":")[0]);
            submitted.put(SaidParameters.OUTPUT_BIAS, Boolean.parseBoolean(variant.split(":")[1]));
            long stage2Start = System.nanoTime();
            SaidStage2.Result result = new SaidStage2(SaidParams.from(SaidParameters.SPEC.resolve(submitted)),
                    Device.cpu()).train(embeddings, split, true, new RecordedProgress());
            print("%s %s (output bias %s): test NDCG@10 %.4f Recall@10 %.4f MRR %.4f, validation NDCG@10 %.4f, "
                    + "best epoch %d, stage 2 %.0f s, recovery %.3f, load %s", name, variant.split(":")[0],
                    variant.split(":")[1], result.run().test().ndcgAt10(), result.run().test().recallAt10(),
                    result.run().test().mrr(), result.run().validation().ndcgAt10(), result.run().bestEpoch(),
                    (System.nanoTime() - stage2Start) / 1e9, recovery,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static void print(String format, Object... values) {
        System.out.println("SAID-BENCH " + String.format(Locale.ROOT, format, values));
    }
}
