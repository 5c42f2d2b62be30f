package io.semrec.training.sasrec;

import io.semrec.training.ProgressReporter;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.spec.SasrecParameters;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Trains and evaluates SASRec on a dataset folder (items.jsonl + events.csv), outside the job
 * queue: the quality gate and benchmarks run through here. Prints one line per epoch and the final
 * metrics, and with {@code --out} writes the artifact. Usage: {@code SasrecOfflineRun --dataset DIR
 * [--out DIR] [--<parameter> VALUE ...]} with any parameter of {@link SasrecParameters#SPEC}.
 */
public final class SasrecOfflineRun {

    private SasrecOfflineRun() {
    }

    public static void main(String[] args) throws IOException {
        // Before the engine loads: DJL must never try to download or phone home.
        System.setProperty("ai.djl.offline", "true");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: SasrecOfflineRun --dataset DIR [--out DIR] [--<parameter> VALUE ...]");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path dataset = Path.of(Objects.requireNonNull(options.remove("dataset"), "--dataset DIR is required"));
        String out = options.remove("out");
        SasrecParams params = SasrecParams.from(SasrecParameters.SPEC.resolveText(options));

        InteractionDataset data = DatasetFolderLoader.load(dataset);
        LeaveOneOutSplit split = LeaveOneOutSplit.of(data);
        System.out.printf(Locale.ROOT, "%s: %d users, %d items; %s%n", dataset, data.userCount(), data.itemCount(), params);
        long start = System.nanoTime();
        SasrecResult result = new SasrecTrainer(data.itemCount(), params, SasrecTrainer.defaultDevice(),
                new EpochPrinter(start)).train(split);
        System.out.printf(Locale.ROOT, "best epoch %d of %d; %.1f s per training epoch, %.0f sequences/s; total %.0f s"
                        + " wall, %.0f s CPU; peak RSS %s%n", result.bestEpoch(), result.epochsRun(),
                result.trainSecondsPerEpoch(), result.sequencesPerSecond(), (System.nanoTime() - start) / 1e9,
                processCpuSeconds(), peakResidentMemory());
        System.out.println("validation: " + result.validation());
        System.out.println("test:       " + result.test());
        if (out != null) {
            SasrecArtifact.write(result, data.items(), Path.of(out));
            System.out.println("artifact written to " + out);
        }
    }

    /** Prints each epoch once its validation score arrives (the last metric of an epoch). */
    private static final class EpochPrinter implements ProgressReporter {
        private final long start;
        private double loss;
        private double throughput;

        EpochPrinter(long start) {
            this.start = start;
        }

        @Override
        public void phase(String name, int total) {
            System.out.printf(Locale.ROOT, "%s (up to %d epochs)%n", name, total);
        }

        @Override
        public void step(int done) {
        }

        @Override
        public void metric(String name, int step, double value) {
            switch (name) {
                case TrainingMetrics.EPOCH_LOSS -> loss = value;
                case TrainingMetrics.THROUGHPUT -> throughput = value;
                case TrainingMetrics.VALIDATION_NDCG_10 -> System.out.printf(Locale.ROOT,
                        "epoch %3d  loss %.4f  %6.0f seq/s  val NDCG@10 %.4f  at %.0f s wall, %.0f s CPU%n",
                        step, loss, throughput, value, (System.nanoTime() - start) / 1e9, processCpuSeconds());
                default -> { }
            }
        }
    }

    /** CPU time of the whole process (all threads, native ones too): comparable across loaded machines. */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static String peakResidentMemory() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> line.substring("VmHWM:".length()).strip()).findFirst().orElse("unknown");
    }
}
