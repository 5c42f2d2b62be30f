package io.semrec.training.said;

import ai.djl.Device;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.lm.CausalLm;
import io.semrec.training.lm.LanguageModels;
import io.semrec.training.spec.SaidParameters;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.support.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Stage-2 variants on one shared stage 1 over a real dataset ({@code -Dsemrec.said.dataset}, default
 * amazon-office) with the job's default LM (the adapted MiniLM, from the cache folder a worker without an
 * artifact folder uses). Prints test metrics and curves of each; asserts nothing; runs only with
 * {@code -Dsemrec.benchmark=true}. Settings: {@code -Dsemrec.said.maxEpochs} (default 10),
 * {@code -Dsemrec.said.patience} (3), {@code -Dsemrec.said.threads} (2), {@code -Dsemrec.said.params="k=v k=v"}
 * (any SAID parameters, both stages), {@code -Dsemrec.said.variants="k=v k=v|k=v"} (stage-2 variants; default
 * output bias on, off, and the GRU). {@code -Dsemrec.said.stage1Cache=<file>} keeps stage 1's embeddings
 * there and reuses them on later runs.
 */
@EnabledIfSystemProperty(named = "semrec.benchmark", matches = "true")
class SaidOutputBiasBenchmark {

    private static final String EMBEDDINGS = "embeddings";
    private static final String RECOVERY = "exact_recovery";
    private static final String DEFAULT_VARIANTS = "outputBias=true|outputBias=false|downstream=gru outputBias=true";

    @Test
    void compareOutputSides() throws Exception {
        String name = System.getProperty("semrec.said.dataset", "amazon-office");
        InteractionDataset data = DatasetFolderLoader.load(SharedDatasets.require(name));
        Map<String, String> base = new HashMap<>(Map.of(
                SaidParameters.MAX_EPOCHS, System.getProperty("semrec.said.maxEpochs", "10"),
                SaidParameters.PATIENCE, System.getProperty("semrec.said.patience", "3"),
                SaidParameters.THREADS, System.getProperty("semrec.said.threads", "2")));
        base.putAll(assignments(System.getProperty("semrec.said.params", "")));
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolveText(base));
        String cache = System.getProperty("semrec.said.stage1Cache", "");
        float[][] embeddings;
        double recovery;
        if (!cache.isEmpty() && Files.exists(Path.of(cache))) {
            SafeTensors stored = SafeTensors.read(Path.of(cache));
            embeddings = rows(stored.require(EMBEDDINGS));
            recovery = Double.parseDouble(stored.metadata().get(RECOVERY));
            print("%s stage 1 read from %s", name, cache);
        } else {
            List<String> texts = SaidMethod.itemTexts(data.items(), params.textTemplate());
            long start = System.nanoTime();
            try (CausalLm lm = LanguageModels.load(SaidLanguageModels.options(params),
                    SaidLanguageModels.FALLBACK_FOLDER, texts, Device.cpu(), new RecordedProgress());
                    SaidStage1 stage1 = new SaidStage1(lm, data.itemCount(), params, new RecordedProgress(), null)) {
                stage1.startIds(data.items());
                List<SaidStage1.Epoch> epochs = stage1.train(SaidMethod.tokens(lm, texts, params.tokenBudget()));
                recovery = epochs.get(epochs.size() - 1).recovery();
                embeddings = stage1.embeddings(data.itemCount());
                print("%s stage 1: %.0f s, %s", name, (System.nanoTime() - start) / 1e9, epochs);
            }
            if (!cache.isEmpty()) {
                new SafeTensors(Map.of(EMBEDDINGS, Tensor.f32(embeddings)),
                        Map.of(RECOVERY, Double.toString(recovery))).write(Path.of(cache));
            }
        }
        LeaveOneOutSplit split = LeaveOneOutSplit.of(data);
        for (String variant : System.getProperty("semrec.said.variants", DEFAULT_VARIANTS).split("\\|")) {
            Map<String, String> submitted = new HashMap<>(base);
            submitted.putAll(assignments(variant));
            long stage2Start = System.nanoTime();
            RecordedProgress progress = new RecordedProgress();
            SaidStage2.Result result = new SaidStage2(SaidParams.from(SaidParameters.SPEC.resolveText(submitted)),
                    Device.cpu()).train(embeddings, split, true, progress);
            print("%s [%s] curves %s", name, variant, progress.metrics);
            print("%s [%s]: test NDCG@10 %.4f Recall@10 %.4f MRR %.4f, validation NDCG@10 %.4f, best epoch %d, "
                    + "stage 2 %.0f s, recovery %.3f, load %s", name, variant, result.run().test().ndcgAt10(),
                    result.run().test().recallAt10(), result.run().test().mrr(),
                    result.run().validation().ndcgAt10(), result.run().bestEpoch(),
                    (System.nanoTime() - stage2Start) / 1e9, recovery,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    /** {@code "k=v k=v"} as a map. */
    private static Map<String, String> assignments(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.trim().split("\\s+")) {
            if (!pair.isEmpty()) {
                values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return values;
    }

    private static float[][] rows(Tensor table) {
        int width = Math.toIntExact(table.shape()[1]);
        float[] values = table.toFloats();
        float[][] rows = new float[values.length / width][];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = Arrays.copyOfRange(values, row * width, (row + 1) * width);
        }
        return rows;
    }

    private static void print(String format, Object... values) {
        System.out.println("SAID-BENCH " + String.format(Locale.ROOT, format, values));
    }
}
