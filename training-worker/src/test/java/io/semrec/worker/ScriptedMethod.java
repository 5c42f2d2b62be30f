package io.semrec.worker;

import io.semrec.training.spec.ResolvedParameters;
import io.semrec.model.ModelDraft;
import io.semrec.model.ModelPublisher;
import io.semrec.model.ScoreMetric;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import io.semrec.training.TrainingContext;
import io.semrec.training.TrainingMethod;
import io.semrec.training.TrainingOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only trainer the worker's own pool runs: its job parameters script what it does (train some
 * steps and publish a model of the catalog's items with the real publisher, fail, or run until told
 * to stop), and it counts how often each job ran.
 */
@ApplicationScoped
public class ScriptedMethod implements TrainingMethod {

    public static final String NAME = "test-scripted";

    static final MethodParameters SPEC = new MethodParameters(NAME, "scripted test trainer", List.of(
            ParameterSpec.integer("steps", 3, 1, 1_000_000, "steps to report"),
            ParameterSpec.integer("stepMillis", 10, 0, 10_000, "pause per step"),
            ParameterSpec.string("mode", "succeed", List.of("succeed", "fail", "until-stopped"), "what to do"),
            ParameterSpec.number("score", 0.1, 0, 1, "ndcg@10 of the published model")));

    @Inject
    ModelPublisher publisher;

    private final Map<Long, AtomicInteger> starts = new ConcurrentHashMap<>();

    /** How often the job's trainer was started. */
    public int starts(long jobId) {
        AtomicInteger count = starts.get(jobId);
        return count == null ? 0 : count.get();
    }

    @Override
    public MethodParameters spec() {
        return SPEC;
    }

    @Override
    public TrainingOutcome train(TrainingContext context) {
        starts.computeIfAbsent(context.jobId(), id -> new AtomicInteger()).incrementAndGet();
        ResolvedParameters params = context.params();
        Duration pause = Duration.ofMillis(params.getInt("stepMillis"));
        switch (params.getString("mode")) {
            case "fail" -> throw new IllegalStateException("scripted failure");
            case "until-stopped" -> {
                context.progress().phase("wait", 0);
                for (int step = 1; ; step++) {
                    context.checkStop();
                    context.progress().step(step);
                    TestDb.sleep(pause);
                }
            }
            default -> {
                int steps = params.getInt("steps");
                context.progress().phase("train", steps);
                for (int step = 1; step <= steps; step++) {
                    context.checkStop();
                    context.progress().step(step);
                    context.progress().metric("loss", step, 1.0 / step);
                    TestDb.sleep(pause);
                }
                context.progress().metric("ndcg@10", steps, params.getDouble("score"));
                ModelDraft draft = new ModelDraft(context.catalogId(), context.jobId(), NAME, ScoreMetric.COSINE,
                        params.asMap(), Map.of("ndcg@10", params.getDouble("score")));
                return new TrainingOutcome(c -> publisher.publish(c, draft, TestDb.itemVectors(c, context.catalogId())));
            }
        }
    }
}
