package io.semrec.training.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import io.semrec.training.ProcessMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load time, CPU forward time of a 32 x 64-token batch (DJL and, for reference, ONNX Runtime) and
 * resident memory, with the files in the default cache folder. Prints numbers, asserts nothing; runs
 * only with {@code -Dsemrec.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "semrec.benchmark", matches = "true")
class MiniLmBenchmark {

    private static final int BATCH = 32;
    private static final int TOKENS = 64;
    private static final int WARMUP = 3;
    private static final int RUNS = 10;

    @Test
    void loadAndForwardOnCpu() throws IOException, OrtException {
        // On a busy machine PyTorch's spinning OpenMP threads slow down; OMP_NUM_THREADS=1 helps there.
        print("cpus %d, OMP_NUM_THREADS %s, load average %s", Runtime.getRuntime().availableProcessors(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), Files.readString(Path.of("/proc/loadavg")).trim());
        long start = System.nanoTime();
        PretrainedMiniLm pretrained = PretrainedMiniLm.extractTo(PretrainedMiniLm.defaultCacheDir());
        long extracted = System.nanoTime();
        Map<String, FloatTensor> weights = pretrained.weights();
        long parsed = System.nanoTime();
        try (NDManager parameters = NDManager.newBaseManager();
                HuggingFaceTokenizer tokenizer = pretrained.tokenizer(TOKENS)) {
            BertEncoderBlock encoder = BertEncoderBlock.builder(PretrainedMiniLm.CONFIG).build();
            encoder.initialize(parameters, DataType.FLOAT32, encoder.inputShapes(1, 1));
            encoder.loadWeights(weights);
            long loaded = System.nanoTime();
            print("load: extract/check %.0f ms, parse ONNX + map weights %.0f ms, engine + init + copy %.0f ms,"
                            + " total %.0f ms; RSS %s",
                    ms(extracted - start), ms(parsed - extracted), ms(loaded - parsed), ms(loaded - start), memory());

            // Title, brand, categories and description of real items: most fill the 64-token budget.
            Encoding[] batch = tokenizer.batchEncode(
                    MiniLmFixture.officeItems(BATCH, List.of("title", "brand", "categories", "description")));
            long realTokens = Arrays.stream(batch).mapToLong(e -> Arrays.stream(e.getAttentionMask()).sum()).sum();
            print("batch %d x %d tokens (%d real)", batch.length, batch[0].getIds().length, realTokens);
            double[] djl = time(() -> {
                try (NDManager manager = parameters.newSubManager()) {
                    encoder.forward(new ParameterStore(manager, false), MiniLmFixture.inputs(manager, batch), false)
                            .singletonOrThrow().toFloatArray();
                }
            });
            print("DJL/PyTorch forward: median %.0f ms, min %.0f ms; RSS %s", djl[0], djl[1], memory());

            try (OnnxReference onnx = new OnnxReference(pretrained.onnxFile())) {
                double[] ort = time(() -> {
                    try {
                        onnx.hiddenStates(batch);
                    } catch (OrtException e) {
                        throw new IllegalStateException(e);
                    }
                });
                print("ONNX Runtime forward (reference): median %.0f ms, min %.0f ms; RSS %s", ort[0], ort[1], memory());
            }
        }
    }

    /** Median and minimum milliseconds of RUNS calls after WARMUP calls. */
    private static double[] time(Runnable forward) {
        for (int i = 0; i < WARMUP; i++) {
            forward.run();
        }
        double[] runs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            forward.run();
            runs[i] = ms(System.nanoTime() - start);
        }
        Arrays.sort(runs);
        return new double[] {runs[RUNS / 2], runs[0]};
    }

    private static String memory() throws IOException {
        return ProcessMemory.describe();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void print(String format, Object... args) {
        System.out.println("[minilm-benchmark] " + String.format(Locale.ROOT, format, args));
    }
}
