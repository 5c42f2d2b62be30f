package io.semrec.training.recformer.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.encoder.RecformerEncoder.Sequence;
import io.semrec.encoder.RecformerItemTokens;
import io.semrec.encoder.VectorMath;
import io.semrec.training.text.MiniLmFixture;
import io.semrec.training.text.PretrainedMiniLm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Latency of the plain-Java serving encoder with warm-started all-MiniLM-L6-v2 weights on real
 * amazon-office item texts (title, brand, categories as key-value tokens, 32 tokens per attribute):
 * p50/p99 wall time and mean thread-CPU time per history of 5, 20 and 50 random catalog items, at
 * token budgets 64 (the default serving budget) and 256 (others with {@code -Dsemrec.benchmark.budgets=64,128,512}),
 * one encoder thread unless {@code -Dsemrec.benchmark.threads=N}; plus, per budget, the Java-vs-DJL CLS difference on
 * one real 20-item history. The JVM it runs on and {@code -Dsemrec.encoder.simd} choose the dense layers' kernel.
 * Prints, asserts nothing; runs only with {@code -Dsemrec.benchmark=true} ({@code bench/recformer-encoder.sh}).
 */
@EnabledIfSystemProperty(named = "semrec.benchmark", matches = "true")
class RecformerEncoderBenchmark {

    private static final List<String> ATTRIBUTES = List.of("title", "brand", "categories");
    private static final int ATTRIBUTE_TOKENS = 32;
    private static final int ITEMS = 2000;
    private static final int WARMUP = Integer.getInteger("semrec.benchmark.warmup", 20);
    private static final int RUNS = Integer.getInteger("semrec.benchmark.runs", 200);
    private static final int THREADS = Integer.getInteger("semrec.benchmark.threads", 1);
    private static final int[] BUDGETS = Arrays.stream(System.getProperty("semrec.benchmark.budgets", "64,256")
            .split(",")).mapToInt(Integer::parseInt).toArray();

    @Test
    void servingLatency() throws IOException {
        print("cpus %d, encoder threads %d, Java %s, dense layers on the %s, load average %s",
                Runtime.getRuntime().availableProcessors(), THREADS, Runtime.version(),
                VectorMath.simd() ? "Vector API" : "scalar loop", Files.readString(Path.of("/proc/loadavg")).trim());
        PretrainedMiniLm pretrained = MiniLmFixture.pretrained();
        RecformerItemTokens items = officeItemTokens(pretrained);
        print("%d office items, %.1f tokens per item on average", items.itemCount(),
                items.end(items.itemCount() - 1) / (double) items.itemCount());
        try (NDManager manager = NDManager.newBaseManager()) {
            RecformerEncoder djl = RecformerCheckpoints.warmStartFromMiniLm(RecformerConfig.miniLmDefaults(), pretrained,
                    manager);
            SplittableRandom random = new SplittableRandom(17);
            for (int budget : BUDGETS) {
                io.semrec.encoder.RecformerEncoder served = RecformerServingParityTest.serving(djl, items, budget,
                        THREADS);
                Sequence sequence = served.sequence(history(random, 20));
                float[] expected = RecformerServingParityTest.djlCls(djl, sequence);
                float[] actual = served.clsVector(sequence);
                float diff = 0;
                for (int k = 0; k < expected.length; k++) {
                    diff = Math.max(diff, Math.abs(expected[k] - actual[k]));
                }
                print("Java vs DJL CLS on a real 20-item history (%d tokens): max |diff| %.2e", sequence.length(), diff);
                for (int count : new int[] {5, 20, 50}) {
                    measure(served, random, budget, count);
                }
            }
        }
    }

    private static void measure(io.semrec.encoder.RecformerEncoder served, SplittableRandom random, int budget,
            int count) {
        float sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += served.encodeItems(history(random, count))[0];
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[RUNS];
        long cpu = 0;
        long tokens = 0;
        for (int i = 0; i < RUNS; i++) {
            long[] history = history(random, count);
            tokens += served.sequence(history).length();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            sink += served.encodeItems(history)[0];
            wall[i] = System.nanoTime() - start;
            cpu += threads.getCurrentThreadCpuTime() - cpuStart;
        }
        Arrays.sort(wall);
        print("budget %d, %2d items: %5.1f tokens, p50 %6.1f ms, p99 %6.1f ms wall, CPU %6.1f ms mean (load %s, %.1f)",
                budget, count, tokens / (double) RUNS, wall[RUNS / 2] / 1e6, wall[(int) Math.ceil(RUNS * 0.99) - 1] / 1e6,
                cpu / 1e6 / RUNS, loadAverage(), sink);
    }

    private static long[] history(SplittableRandom random, int count) {
        return random.longs(count, 0, ITEMS).toArray();
    }

    /** Key and value tokens of each attribute, without special tokens, each attribute cut to 32 tokens. */
    private static RecformerItemTokens officeItemTokens(PretrainedMiniLm pretrained) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines;
        try (Stream<String> all = Files.lines(MiniLmFixture.officeItemsFile())) {
            lines = all.limit(ITEMS).toList();
        }
        long[] ids = new long[ITEMS];
        long[] offsets = new long[ITEMS + 1];
        List<Integer> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try (HuggingFaceTokenizer tokenizer = pretrained.tokenizer(512)) {
            for (int n = 0; n < ITEMS; n++) {
                JsonNode item = json.readTree(lines.get(n));
                ids[n] = n;
                for (String attribute : ATTRIBUTES) {
                    String value = item.path(attribute).asText("");
                    if (value.isBlank()) {
                        continue;
                    }
                    int budget = ATTRIBUTE_TOKENS;
                    for (long id : tokenizer.encode(attribute, false, false).getIds()) {
                        if (budget-- > 0) {
                            tokens.add((int) id);
                            types.add(RecformerArchitecture.KEY);
                        }
                    }
                    for (long id : tokenizer.encode(value, false, false).getIds()) {
                        if (budget-- > 0) {
                            tokens.add((int) id);
                            types.add(RecformerArchitecture.VALUE);
                        }
                    }
                }
                offsets[n + 1] = tokens.size();
            }
        }
        return new RecformerItemTokens(ids, offsets, tokens.stream().mapToInt(Integer::intValue).toArray(),
                types.stream().mapToInt(Integer::intValue).toArray(), 101);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void print(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
    }
}
