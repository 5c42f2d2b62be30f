package io.semrec.training.recformer;

import ai.djl.Device;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.support.SharedDatasets;
import io.semrec.training.text.PretrainedMiniLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "semrec.benchmark", matches = "true")
class RecformerCostProbe {

    @Test
    void costs() throws Exception {
        InteractionDataset data = DatasetFolderLoader.load(SharedDatasets.require(System.getProperty("probe.dataset", "amazon-office")));
        Map<String, Object> overrides = new java.util.HashMap<>();
        overrides.put("threads", Integer.getInteger("probe.threads", 2));
        overrides.put("layers", Integer.getInteger("probe.layers", 2));
        RecformerSettings settings = RecformerSettings.from(io.semrec.training.spec.RecformerParameters.SPEC.resolve(overrides));
        PretrainedMiniLm miniLm = PretrainedMiniLm.extractTo(PretrainedMiniLm.defaultCacheDir());
        System.out.println("[probe] load " + Files.readString(Path.of("/proc/loadavg")).trim());
        long t0 = System.nanoTime();
        try (KeyValueTokenizer tokenizer = new KeyValueTokenizer(miniLm.tokenizerFile(), settings.attributes(), settings.attributeTokens())) {
            ItemTokens[] items = tokenizer.items(data.items());
            System.out.printf("[probe] tokenised %d items in %.1f s, mean %.1f tokens%n", items.length, (System.nanoTime() - t0) / 1e9,
                    Arrays.stream(items).mapToInt(ItemTokens::length).average().orElse(0));
            LeaveOneOutSplit split = LeaveOneOutSplit.of(data);
            SequenceAssembler train = new SequenceAssembler(tokenizer.clsId(), settings.maxItems(), settings.trainTokenBudget());
            SequenceAssembler serving = new SequenceAssembler(tokenizer.clsId(), settings.maxItems(), settings.servingTokenBudget());
            System.out.printf("[probe] mean train-prefix tokens %.1f, mean serving tokens %.1f%n",
                    Arrays.stream(split.trainSequences()).filter(s -> s.length > 0).mapToInt(s -> train.history(items, s).length()).average().orElse(0),
                    Arrays.stream(split.test().histories()).mapToInt(s -> serving.history(items, s).length()).average().orElse(0));
            RecformerPretraining.miniLmConfig(settings);
            var start = (java.util.function.Function<ai.djl.ndarray.NDManager, io.semrec.training.recformer.model.RecformerEncoder>)
                    m -> io.semrec.training.recformer.model.RecformerCheckpoints.warmStartFromMiniLm(RecformerPretraining.miniLmConfig(settings), miniLm, m);
            try (RecformerModel model = RecformerModel.create(start, 5e-5, 1, settings.threads(), Device.cpu())) {
                long a = System.nanoTime();
                float[][] vectors = model.encode(Arrays.stream(items).map(train::item).toList(), 64);
                System.out.printf("[probe] encode all items %.1f s%n", (System.nanoTime() - a) / 1e9);
                int[][] hs = Arrays.copyOf(split.test().histories(), 300);
                a = System.nanoTime();
                model.encode(Arrays.stream(hs).map(h -> serving.history(items, h)).toList(), 64);
                System.out.printf("[probe] encode 300 serving histories %.1f s%n", (System.nanoTime() - a) / 1e9);
                model.setItemMatrix(vectors);
                List<TargetSampling.Example> ex = TargetSampling.finetuning(split.trainSequences(), new SplittableRandom(1));
                a = System.nanoTime();
                for (int b = 0; b < 20; b++) {
                    List<TargetSampling.Example> batch = ex.subList(b * 16, b * 16 + 16);
                    model.finetuneStep(batch.stream().map(e -> train.history(items, split.trainSequences()[e.sequence()], e.end())).toList(),
                            batch.stream().mapToInt(TargetSampling.Example::target).toArray(), 0.05);
                }
                double perStep = (System.nanoTime() - a) / 1e9 / 20;
                System.out.printf("[probe] finetune step (16) %.2f s -> epoch of %d examples %.0f s%n", perStep, ex.size(), perStep * ex.size() / 16);
                WholeWordMasking masking = new WholeWordMasking(0.15, tokenizer.maskId(), 30522);
                SplittableRandom r = new SplittableRandom(2);
                List<TargetSampling.Example> pex = TargetSampling.pretraining(split.trainSequences(), r);
                a = System.nanoTime();
                for (int b = 0; b < 10; b++) {
                    List<TargetSampling.Example> batch = pex.subList(b * 16, b * 16 + 16);
                    model.pretrainStep(batch.stream().map(e -> masking.mask(train.history(items, split.trainSequences()[e.sequence()], e.end()), r)).toList(),
                            batch.stream().map(e -> masking.mask(train.item(items[e.target()]), r)).toList(),
                            batch.stream().mapToInt(TargetSampling.Example::target).toArray(), 0.05, 0.1);
                }
                System.out.printf("[probe] pretrain step (16) %.2f s%n", (System.nanoTime() - a) / 1e9 / 10);
            }
        }
        System.out.println("[probe] load " + Files.readString(Path.of("/proc/loadavg")).trim());
    }
}
