package io.semrec.training.said;

import ai.djl.Device;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.lm.CausalLm;
import io.semrec.training.lm.MiniLmBootstrap;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.spec.SaidParameters;
import io.semrec.training.support.SharedDatasets;
import io.semrec.training.text.PretrainedMiniLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Stage-1 cost with the real frozen MiniLM LM on the first items of amazon-office: seconds per item
 * for one epoch (forward + backward to the soft tokens) and for the recovery check. Prints numbers,
 * asserts nothing; runs only with {@code -Dsemrec.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "semrec.benchmark", matches = "true")
class SaidStage1Benchmark {

    private static final int ITEMS = 128;

    @Test
    void secondsPerItemOnCpu() throws Exception {
        InteractionDataset data = DatasetFolderLoader.load(SharedDatasets.require("amazon-office"));
        int budget = Integer.getInteger("semrec.said.budget", 32);
        SaidParams params = SaidParams.from(SaidParameters.SPEC.resolve(Map.of(SaidParameters.STAGE1_EPOCHS, 1,
                SaidParameters.TOKEN_BUDGET, budget, SaidParameters.RECOVERY_SAMPLE, ITEMS,
                SaidParameters.THREADS, Integer.getInteger("semrec.said.threads", 1))));
        List<String> texts = SaidMethod.itemTexts(data.items(), params.textTemplate()).subList(0, ITEMS);
        try (CausalLm lm = MiniLmBootstrap.load(PretrainedMiniLm.extractTo(PretrainedMiniLm.defaultCacheDir()),
                Device.cpu())) {
            long[][] tokens = SaidMethod.tokens(lm, texts, budget);
            try (SaidStage1 stage1 = new SaidStage1(lm, ITEMS, params, new RecordedProgress(), null)) {
                SaidStage1.Epoch epoch = stage1.train(tokens).get(0);
                System.out.printf(Locale.ROOT, "SAID stage 1: budget %d, %d items, epoch %.2f s (%.1f ms/item), "
                        + "loss %.3f, load %s%n", budget, ITEMS, epoch.seconds(), 1000 * epoch.seconds() / ITEMS,
                        epoch.loss(), Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
    }
}
