package io.semrec.training;

import io.semrec.model.PublishedModel;
import io.semrec.model.ScoreMetric;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.ParameterSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Test-only method whose models can be refreshed: training gives item i the vector {@code [i + 1, scale]}
 * and stores an artifact; a refresh gives the items its base model lacks {@code [-1, scale]}.
 */
@ApplicationScoped
public class RefreshableTestMethod implements TrainingMethod {

    public static final String NAME = "test-refreshable";
    public static final String WEIGHTS = "weights.bin";
    public static final String NEW_ITEMS = "new-items.txt";
    static final MethodParameters SPEC = new MethodParameters(NAME, "refreshable test method", List.of(
            ParameterSpec.number("scale", 1, 0, 10, "second vector component"))).withRefresh();

    private final TrainingSteps steps;

    RefreshableTestMethod(TrainingSteps steps) {
        this.steps = steps;
    }

    @Override
    public MethodParameters spec() {
        return SPEC;
    }

    @Override
    public TrainingOutcome train(TrainingContext context) throws Exception {
        InteractionDataset dataset = steps.read(context);
        float scale = (float) context.params().getDouble("scale");
        return steps.outcome(context, dataset, ScoreMetric.DOT, new ModelMetrics(null, null, true, 0, null),
                item -> new float[] {item + 1, scale}, Map.of(WEIGHTS, "trained".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public TrainingOutcome refresh(TrainingContext context, long baseModelId) throws Exception {
        InteractionDataset dataset = steps.read(context);
        PublishedModel base = steps.baseModel(baseModelId);
        float[][] vectors = steps.baseVectors(base, dataset.items());
        float scale = ((Number) base.params().get("scale")).floatValue();
        int added = 0;
        StringBuilder names = new StringBuilder();
        for (int item = 0; item < vectors.length; item++) {
            if (vectors[item] == null) {
                vectors[item] = new float[] {-1, scale};
                names.append(dataset.items().externalId(item)).append('\n');
                added++;
            }
        }
        return steps.refreshOutcome(context, dataset, base, added, item -> vectors[item],
                Map.of(NEW_ITEMS, names.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
