package io.semrec.training.sasrec;

import io.semrec.training.MetricSink;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains and evaluates SASRec on a dataset folder (items.jsonl + events.csv), outside the job
 * queue: the quality gate and benchmarks run through here. Prints one line per epoch and the final
 * metrics. Usage: {@code SasrecOfflineRun --dataset DIR [--epochs N] [--refit true|false]
 * [--threads N] [--loss ce|bce]}.
 */
public final class SasrecOfflineRun {

    private SasrecOfflineRun() {
    }

    public static void main(String[] args) throws IOException {
        Path dataset = null;
        SasrecParams defaults = SasrecParams.DEFAULTS;
        int maxEpochs = defaults.maxEpochs();
        boolean refit = defaults.refit();
        int threads = defaults.threads();
        SasrecLoss loss = defaults.loss();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dataset" -> dataset = Path.of(args[i + 1]);
                case "--epochs" -> maxEpochs = Integer.parseInt(args[i + 1]);
                case "--refit" -> refit = Boolean.parseBoolean(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--loss" -> loss = SasrecLoss.fromWireName(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dataset == null) {
            throw new IllegalArgumentException("--dataset DIR is required");
        }
        SasrecParams params = new SasrecParams(defaults.dim(), defaults.layers(), defaults.heads(), defaults.dropout(),
                defaults.batchSize(), defaults.lr(), maxEpochs, defaults.patience(), defaults.maxHistory(), loss,
                defaults.seed(), refit, threads);
        InteractionDataset data = DatasetFolderLoader.load(dataset);
        LeaveOneOutSplit split = LeaveOneOutSplit.of(data);
        System.out.printf(Locale.ROOT, "%s: %d users, %d items; %s%n", dataset, data.userCount(), data.itemCount(), params);
        long start = System.nanoTime();
        SasrecResult result = new SasrecTrainer(data.itemCount(), params, new EpochPrinter(start)).train(split);
        System.out.printf(Locale.ROOT, "best epoch %d of %d; %.1f s per training epoch, %.0f sequences/s; total %.0f s;"
                        + " peak RSS %s%n", result.bestEpoch(), result.epochsRun(), result.trainSecondsPerEpoch(),
                result.sequencesPerSecond(), (System.nanoTime() - start) / 1e9, peakResidentMemory());
        System.out.println("validation: " + result.validation());
        System.out.println("test:       " + result.test());
    }

    /** Prints each epoch once its validation score arrives (the last metric of an epoch). */
    private static final class EpochPrinter implements MetricSink {
        private final long start;
        private double loss;
        private double throughput;

        EpochPrinter(long start) {
            this.start = start;
        }

        @Override
        public void record(String name, int step, double value) {
            switch (name) {
                case EPOCH_LOSS -> loss = value;
                case THROUGHPUT -> throughput = value;
                case VALIDATION_NDCG_10 -> System.out.printf(Locale.ROOT,
                        "epoch %3d  loss %.4f  %6.0f seq/s  val NDCG@10 %.4f  at %.0f s%n",
                        step, loss, throughput, value, (System.nanoTime() - start) / 1e9);
                default -> { }
            }
        }
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
