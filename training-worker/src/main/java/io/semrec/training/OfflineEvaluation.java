package io.semrec.training;

import io.semrec.evaluation.BatchScorer;
import io.semrec.evaluation.EvaluationOptions;
import io.semrec.evaluation.EvaluationSet;
import io.semrec.evaluation.FullRankingEvaluator;
import io.semrec.evaluation.RankingMetrics;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.popularity.PopularityModel;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.PopularityParameters;
import io.semrec.training.spec.ResolvedParameters;
import io.semrec.training.spec.TextKnnParameters;
import io.semrec.training.spec.TrainingMethods;
import io.semrec.training.textknn.SparseTfIdfScorer;
import io.semrec.training.textknn.TextKnnConfig;
import io.semrec.training.textknn.TextKnnModel;
import io.semrec.training.textknn.TextKnnTrainer;
import io.semrec.training.textknn.TfIdfItems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmarks a method on a dataset folder without the database: leave-one-out split, full ranking,
 * metrics printed. Usage: {@code --dataset DIR --method popularity|text-knn [--params k=v,...]
 * [--mask-seen true|false] [--split test|validation] [--compare-sparse]}; list values continue
 * after commas ({@code attributes=title,brand,dim=128}).
 */
public final class OfflineEvaluation {

    /** Which leave-one-out targets to rank. */
    public enum Target {
        VALIDATION,
        TEST
    }

    private OfflineEvaluation() {
    }

    /**
     * Evaluates a baseline as a training job would: popularity counts only what precedes the
     * targets; text-knn learns nothing from events and is scored through its published form.
     */
    public static RankingMetrics evaluate(InteractionDataset dataset, ResolvedParameters parameters,
            EvaluationOptions options, Target target) {
        LeaveOneOutSplit split = LeaveOneOutSplit.of(dataset);
        return rank(dataset, scorer(dataset, split, parameters, target), parameters, options, users(split, target));
    }

    /** The model a baseline would be evaluated with on {@code target}, trained on what precedes it. */
    public static BatchScorer scorer(InteractionDataset dataset, LeaveOneOutSplit split,
            ResolvedParameters parameters, Target target) {
        return switch (parameters.method()) {
            case PopularityParameters.METHOD -> PopularityModel.fit(
                    target == Target.TEST ? split.trainAndValidationSequences() : split.trainSequences(),
                    dataset.itemCount());
            case TextKnnParameters.METHOD -> TextKnnTrainer.train(dataset.items(), TextKnnConfig.from(parameters))
                    .scorer();
            default -> throw new IllegalArgumentException("no offline evaluation for " + parameters.method());
        };
    }

    /** text-knn over the full sparse vocabulary (no reduction): what the reduced model is compared to. */
    public static BatchScorer sparseTextKnnScorer(InteractionDataset dataset, ResolvedParameters parameters) {
        TextKnnConfig config = TextKnnConfig.from(parameters);
        return new SparseTfIdfScorer(TfIdfItems.of(dataset.items(), config), TextKnnModel.encoderFor(config));
    }

    private static RankingMetrics rank(InteractionDataset dataset, BatchScorer scorer, ResolvedParameters parameters,
            EvaluationOptions options, EvaluationSet users) {
        return new FullRankingEvaluator(dataset.itemCount(), windowed(options, parameters)).evaluate(scorer, users);
    }

    private static EvaluationSet users(LeaveOneOutSplit split, Target target) {
        return target == Target.TEST ? split.test() : split.validation();
    }

    private static EvaluationOptions windowed(EvaluationOptions options, ResolvedParameters parameters) {
        return parameters.asMap().containsKey(TextKnnParameters.MAX_HISTORY)
                ? options.withHistoryWindow(parameters.getInt(TextKnnParameters.MAX_HISTORY))
                : options;
    }

    public static void main(String[] args) {
        Map<String, String> flags = flags(args);
        Path folder = Path.of(require(flags, "--dataset"));
        String method = require(flags, "--method");
        MethodParameters spec = TrainingMethods.find(method)
                .orElseThrow(() -> new IllegalArgumentException("unknown method " + method));
        ResolvedParameters parameters = spec.resolveText(parseParams(flags.getOrDefault("--params", "")));
        EvaluationOptions options = EvaluationOptions.DEFAULTS
                .withMaskSeen(Boolean.parseBoolean(flags.getOrDefault("--mask-seen", "true")))
                .withThreads(Runtime.getRuntime().availableProcessors());
        Target target = Target.valueOf(flags.getOrDefault("--split", "test").toUpperCase(Locale.ROOT));

        long start = System.nanoTime();
        InteractionDataset dataset = DatasetFolderLoader.load(folder);
        System.out.printf(Locale.ROOT, "dataset %s: %d users, %d items, %d events (%.1f s)%n", folder,
                dataset.userCount(), dataset.itemCount(), dataset.snapshot().eventCount(), seconds(start));
        System.out.println("method " + method + " " + parameters.asMap() + ", " + target.name().toLowerCase(Locale.ROOT)
                + " targets");
        LeaveOneOutSplit split = LeaveOneOutSplit.of(dataset);
        start = System.nanoTime();
        BatchScorer scorer = scorer(dataset, split, parameters, target);
        double trained = seconds(start);
        start = System.nanoTime();
        RankingMetrics metrics = rank(dataset, scorer, parameters, options, users(split, target));
        System.out.printf(Locale.ROOT, "%s (trained %.1f s, ranked %.1f s)%n", metrics, trained, seconds(start));
        if (flags.containsKey("--compare-sparse") && method.equals(TextKnnParameters.METHOD)) {
            start = System.nanoTime();
            RankingMetrics sparse = rank(dataset, sparseTextKnnScorer(dataset, parameters), parameters, options,
                    users(split, target));
            System.out.printf(Locale.ROOT, "full sparse vocabulary: %s (%.1f s)%n", sparse, seconds(start));
        }
    }

    /** {@code a=1,b=x,y,c=2}: a comma followed by text without {@code =} continues the previous value. */
    static Map<String, String> parseParams(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        String last = null;
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq > 0) {
                last = part.substring(0, eq).strip();
                params.put(last, part.substring(eq + 1));
            } else if (last != null) {
                params.put(last, params.get(last) + "," + part);
            } else {
                throw new IllegalArgumentException("--params: expected name=value, got " + part);
            }
        }
        return params;
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            flags.put(args[i], hasValue ? args[++i] : "true");
        }
        return flags;
    }

    private static String require(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name + " (usage: --dataset DIR --method "
                    + "popularity|text-knn [--params k=v,...] [--mask-seen true|false] [--split test|validation] "
                    + "[--compare-sparse])");
        }
        return value;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
