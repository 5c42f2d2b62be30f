package io.semrec.training;

import io.semrec.evaluation.RankingMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training job measured, in the form stored in {@code model.metrics}: the validation
 * metrics at the top level (the queue's "if-better" activation compares {@code ndcg@10} there),
 * the test metrics under {@code test}, and how they were obtained.
 *
 * @param validation null when no user had enough events to be evaluated (as {@code test})
 * @param epochs training epochs of the evaluated run; null for methods that do not train in epochs
 */
public record ModelMetrics(RankingMetrics validation, RankingMetrics test, boolean maskSeen, double trainSeconds,
        Integer epochs) {

    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    public static final String MASK_SEEN = "mask_seen";
    public static final String TRAIN_SECONDS = "train_s";
    public static final String EPOCHS = "epochs";
    public static final String EVALUATED_USERS = "evaluated_users";

    /** Reports the validation and test metrics as {@code validation.<metric>} and {@code test.<metric>} at {@code step}. */
    public void report(ProgressReporter progress, int step) {
        if (validation != null) {
            validation.asMap().forEach((name, value) -> progress.metric(VALIDATION + "." + name, step, value));
            reportTest(progress, step);
        }
    }

    /**
     * Reports the test metrics alone, for a trainer whose validation curve ranks a sample of the users: the
     * all-users validation would overwrite that curve's point at {@code step} (it stays in {@link #asMap}).
     */
    public void reportTest(ProgressReporter progress, int step) {
        if (test != null) {
            test.asMap().forEach((name, value) -> progress.metric(TEST + "." + name, step, value));
        }
    }

    public Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (validation != null) {
            values.putAll(validation.asMap());
            values.put(VALIDATION, validation.asMap());
            values.put(TEST, test.asMap());
            values.put(EVALUATED_USERS, test.users());
        }
        values.put(MASK_SEEN, maskSeen);
        values.put(TRAIN_SECONDS, trainSeconds);
        if (epochs != null) {
            values.put(EPOCHS, epochs);
        }
        return values;
    }
}
