package io.semrec.training.lm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.semrec.training.ProcessMemory;
import io.semrec.training.RecordedProgress;
import io.semrec.training.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CPU cost of the MiniLM bootstrap LM: forward+backward throughput at batch 32 × 40 tokens with 1
 * and 2 threads, and the time of a full adaptation on amazon-office's item texts with the default
 * settings (into a fresh cache folder). Prints numbers, asserts nothing; runs only with
 * {@code -Dsemrec.benchmark=true} ({@code -Dsemrec.lm.adapt=false} skips the adaptation).
 */
@EnabledIfSystemProperty(named = "semrec.benchmark", matches = "true")
class LmBenchmark {

    private static final int BATCH = 32;
    private static final int TOKENS = 40;
    private static final int WARMUP = 2;
    private static final int RUNS = 5;
    /** The attributes of the item text the adaptation is measured with ({@code title: ... brand: ...}). */
    private static final List<String> FIELDS = List.of("title", "brand", "categories", "description");

    @Test
    void miniLmForwardBackwardAndAdaptationOnCpu() throws IOException {
        print("cpus %d, load average %s", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        Path artifacts = Files.createTempDirectory("semrec-lm-bench");
        try {
            LanguageModelsTest.withSharedPretrained(artifacts);
            List<String> texts = SharedDatasets.labelled("amazon-office", Integer.MAX_VALUE, FIELDS);
            try (DecoderLm lm = MiniLmBootstrap.load(MiniLmBootstrap.pretrained(artifacts.resolve("pretrained")),
                    Device.cpu())) {
                // bos + 39 text tokens + eos: 40 inputs and 40 targets per row; most item texts fill it.
                LmBatch batch = LmBatch.forNextToken(
                        LmTexts.sequences(lm.tokenizer(), texts.subList(0, BATCH), TOKENS - 1), lm.tokenizer().padId());
                print("batch %d x %d (%d scored tokens); RSS %s", batch.size(), batch.length(), batch.tokenCount(),
                        memory());
                for (int threads : new int[] {1, 2}) {
                    JniUtils.setNumThreads(threads);
                    double[] ms = time(() -> forwardBackward(lm, batch));
                    print("threads %d: forward+backward median %.0f ms, min %.0f ms = %.0f tokens/s; RSS %s",
                            threads, ms[0], ms[1], batch.size() * batch.length() / (ms[0] / 1000), memory());
                }
            }
            if (!Boolean.parseBoolean(System.getProperty("semrec.lm.adapt", "true"))) {
                return;
            }
            JniUtils.setNumThreads(Integer.getInteger("semrec.lm.threads", 1));
            RecordedProgress progress = new RecordedProgress();
            long start = System.nanoTime();
            try (CausalLm lm = LanguageModels.load(LmOptions.DEFAULTS, artifacts, texts, Device.cpu(), progress)) {
                print("adaptation of %d item texts, defaults %s, budget %d, threads %d: %.0f s; held-out perplexity %s;"
                                + " tokens/s per epoch %s; RSS %s", texts.size(), LmOptions.DEFAULTS.adaptation(),
                        LmOptions.DEFAULTS.tokenBudget(), Integer.getInteger("semrec.lm.threads", 1),
                        (System.nanoTime() - start) / 1e9, progress.values(LmMetrics.HELD_OUT_PERPLEXITY),
                        progress.values(LmMetrics.TOKENS_PER_SECOND), memory());
            }
            long reload = System.nanoTime();
            try (CausalLm lm = LanguageModels.load(LmOptions.DEFAULTS, artifacts, texts, Device.cpu(), progress)) {
                print("second load (cached): %.1f s", (System.nanoTime() - reload) / 1e9);
            }
        } finally {
            // Removes the link to the shared MiniLM files, not what it points to.
            LmFolderWriter.deleteTree(artifacts);
        }
    }

    private static void forwardBackward(CausalLm lm, LmBatch batch) {
        try (NDManager manager = NDManager.newBaseManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = lm.forwardIds(batch.inputIds(manager), batch.mask(manager), true);
                collector.backward(NextTokenLoss.mean(logits, batch.targets()));
            }
        }
    }

    /** Median and minimum milliseconds of RUNS calls after WARMUP calls. */
    private static double[] time(Runnable run) {
        for (int i = 0; i < WARMUP; i++) {
            run.run();
        }
        double[] runs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            runs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return new double[] {runs[RUNS / 2], runs[0]};
    }

    private static String memory() throws IOException {
        return ProcessMemory.describe();
    }

    private static void print(String format, Object... args) {
        System.out.println("[lm-benchmark] " + String.format(Locale.ROOT, format, args));
    }
}
