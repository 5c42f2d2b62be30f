package io.semrec.training.recformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.ProgressReporter;
import io.semrec.training.TrainingMetrics;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.recformer.model.RecformerCheckpoints;
import io.semrec.training.recformer.model.RecformerEncoder;
import io.semrec.training.recformer.model.RecformerInput;
import io.semrec.training.sasrec.SasrecTrainer;
import io.semrec.training.spec.RecformerParameters;
import io.semrec.training.text.PretrainedMiniLm;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pre-trains, fine-tunes and evaluates Recformer on a dataset folder (items.jsonl + events.csv) outside
 * the job queue, printing where the time goes: used to size the defaults. Usage: {@code RecformerOfflineRun
 * --dataset DIR [--pretrain-folder DIR] [--evaluate validation|test] [--max-users N] [--probe-items N] [--<parameter> VALUE
 * ...]} with any parameter of
 * {@link RecformerParameters#SPEC} except {@code pretrainDataset}; {@code --pretrain-folder} pre-trains on
 * all events of another folder instead of this one's training split. The best checkpoint ranks every user of
 * a split only when asked ({@code --evaluate}), so tuning can look at validation alone.
 */
public final class RecformerOfflineRun {

    private RecformerOfflineRun() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException(
                        "usage: RecformerOfflineRun --dataset DIR [--evaluate validation|test] [--<parameter> VALUE ...] (see the class comment)");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path folder = Path.of(Objects.requireNonNull(options.remove("dataset"), "--dataset DIR is required"));
        String pretrainFolder = options.remove("pretrain-folder");
        String evaluate = options.getOrDefault("evaluate", "none");
        options.remove("evaluate");
        int probeItems = Integer.parseInt(options.getOrDefault("probe-items", "0"));
        options.remove("probe-items");
        int maxUsers = Integer.parseInt(options.getOrDefault("max-users", "0"));
        options.remove("max-users");
        RecformerSettings settings = RecformerSettings.from(RecformerParameters.SPEC.resolveText(options));
        long start = System.nanoTime();
        InteractionDataset data = DatasetFolderLoader.load(folder);
        if (maxUsers > 0 && maxUsers < data.userCount()) {
            // The first users only: a quick probe, not a result.
            data = new InteractionDataset(data.items(), Arrays.copyOf(data.userIds(), maxUsers),
                    Arrays.copyOf(data.histories(), maxUsers), data.snapshot());
        }
        LeaveOneOutSplit split = LeaveOneOutSplit.of(data);
        System.out.printf(Locale.ROOT, "%s: %d users, %d items; %s%n", folder, data.userCount(), data.itemCount(),
                settings);
        PretrainedMiniLm miniLm = PretrainedMiniLm.extractTo(PretrainedMiniLm.defaultCacheDir());
        try (KeyValueTokenizer tokenizer = new KeyValueTokenizer(miniLm.tokenizerFile(), settings.attributes(),
                settings.attributeTokens())) {
            ItemTokens[] items = tokenizer.items(data.items());
            Clock clock = new Clock(start);
            clock.print("tokenised");
            RecformerTrainer trainer = new RecformerTrainer(settings, tokenizer, PretrainedMiniLm.CONFIG.vocabSize(),
                    SasrecTrainer.defaultDevice(), new Printer(clock), true);
            var config = RecformerPretraining.miniLmConfig(settings);
            Function<NDManager, RecformerEncoder> encoder =
                    manager -> RecformerCheckpoints.warmStartFromMiniLm(config, miniLm, manager);
            if (probeItems > 0) {
                probe(encoder, items, trainer.itemAssembler(), probeItems, "warm start");
            }
            if (settings.pretrainEpochs() > 0) {
                ItemTokens[] pretrainItems = items;
                int[][] sequences = split.trainSequences();
                if (pretrainFolder != null) {
                    InteractionDataset other = DatasetFolderLoader.load(Path.of(pretrainFolder));
                    pretrainItems = tokenizer.items(other.items());
                    sequences = other.histories();
                }
                encoder = RecformerTrainer.fromWeights(trainer.pretrain(encoder, pretrainItems, sequences));
                clock.print("pre-trained");
                if (probeItems > 0) {
                    probe(encoder, items, trainer.itemAssembler(), probeItems, "pre-trained");
                }
            }
            try (RecformerTrainer.Finetuned finetuned = trainer.finetune(encoder, items, split)) {
                clock.print("fine-tuned: best epoch " + finetuned.bestEpoch() + " of " + finetuned.epochs());
                if (!evaluate.equals("none")) {
                    FullRankingEvaluator evaluator = new FullRankingEvaluator(items.length,
                            EvaluationOptions.DEFAULTS.withHistoryWindow(settings.maxItems()));
                    RankingMetrics metrics = evaluator.evaluate(finetuned.scorer(items, trainer.servingAssembler()),
                            evaluate.equals("test") ? split.test() : split.validation());
                    clock.print(evaluate + " (all users) " + metrics);
                }
            }
        }
    }

    private static void probe(Function<NDManager, RecformerEncoder> source, ItemTokens[] items,
            SequenceAssembler assembler, int count, String label) {
        ItemSimilarity similarity = itemSimilarity(source, items, assembler, count);
        System.out.printf(Locale.ROOT, "%s: mean pairwise cosine of %d items: CLS %.4f, mean-pooled %.4f%n", label,
                Math.min(count, items.length), similarity.cls(), similarity.meanPooled());
    }

    /** Mean pairwise cosine of items' CLS vectors and of their mean-pooled token states. */
    record ItemSimilarity(double cls, double meanPooled) {
    }

    /**
     * How alike items look to an encoder: the mean pairwise cosine of the CLS vectors of the first
     * {@code count} items encoded alone, beside that of their mean-pooled token states (what
     * all-MiniLM-L6-v2 was trained to make discriminative). Near 1: every item looks the same.
     */
    static ItemSimilarity itemSimilarity(Function<NDManager, RecformerEncoder> source, ItemTokens[] items,
            SequenceAssembler assembler, int count) {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecformerEncoder encoder = source.apply(manager);
            List<RecformerInput.Sequence> sequences = new ArrayList<>();
            for (int i = 0; i < Math.min(count, items.length); i++) {
                sequences.add(assembler.item(items[i]).toInput());
            }
            NDList inputs = RecformerInput.of(sequences).toNDList(manager);
            NDList out = encoder.forward(new ParameterStore(manager, false), inputs, false);
            NDArray mask = inputs.get(4).toType(DataType.FLOAT32, false).expandDims(2);
            NDArray mean = out.get(0).mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}));
            return new ItemSimilarity(meanPairwiseCosine(out.get(1)), meanPairwiseCosine(mean));
        }
    }

    private static double meanPairwiseCosine(NDArray rows) {
        NDArray unit = ContrastiveLosses.normalize(rows);
        long n = rows.getShape().get(0);
        double total = unit.matMul(unit.transpose()).sum().getFloat();
        return (total - n) / (n * (n - 1));
    }

    /** Wall and process CPU seconds since the start. */
    private record Clock(long start) {

        void print(String what) {
            System.out.printf(Locale.ROOT, "[%6.0f s wall, %6.0f s CPU] %s%n", (System.nanoTime() - start) / 1e9,
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime() / 1e9, what);
        }
    }

    /** Prints phases, pre-training losses averaged over every 10 steps and every fine-tuning epoch. */
    private static final class Printer implements ProgressReporter {
        private final Clock clock;
        private double itemItem;
        private double maskedLm;
        private double loss;
        private double throughput;

        Printer(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void phase(String name, int total) {
            clock.print(name + " (" + total + ")");
        }

        @Override
        public void step(int done) {
        }

        @Override
        public void metric(String name, int step, double value) {
            switch (name) {
                case RecformerTrainer.PRETRAIN_ITEM_ITEM_LOSS -> itemItem += value;
                case RecformerTrainer.PRETRAIN_MLM_LOSS -> {
                    maskedLm += value;
                    if (step % 10 == 0) {
                        clock.print(String.format(Locale.ROOT, "pretrain steps %d-%d  mean iic %.4f  mean mlm %.4f",
                                step - 9, step, itemItem / 10, maskedLm / 10));
                        itemItem = 0;
                        maskedLm = 0;
                    }
                }
                case TrainingMetrics.TRAIN_LOSS -> {
                    if (step == 1 || step % 50 == 0) {
                        clock.print(String.format(Locale.ROOT, "finetune step %d  loss %.4f", step, value));
                    }
                }
                case TrainingMetrics.EPOCH_LOSS -> loss = value;
                case TrainingMetrics.THROUGHPUT -> throughput = value;
                case TrainingMetrics.VALIDATION_NDCG_10 -> clock.print(String.format(Locale.ROOT,
                        "epoch %d  loss %.4f  %.1f seq/s  val NDCG@10 %.4f", step, loss, throughput, value));
                default -> { }
            }
        }
    }
}
