package io.semrec.training.said;

import ai.djl.Device;
import io.semrec.artifact.ArtifactsConfig;
import io.semrec.training.ProgressReporter;
import io.semrec.training.lm.CausalLm;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import java.util.List;

/**
 * In worker tests, a SAID job whose {@code lm} is {@value #ID} gets {@link TinyLm} over a fixed
 * vocabulary (the same LM for a training job and a later refresh); any other source loads as in
 * production.
 */
@Alternative
@Priority(1)
@Singleton
public class TinySaidLanguageModels extends SaidLanguageModels {

    static final String ID = "tiny-test";
    static final List<String> VOCABULARY = List.of(
            "title: brand: categories: description:",
            "red green ripe orange apple banana juice fruit drink fresh sweet",
            "steel claw socket hammer wrench tools tool heavy set",
            "blue black pen pencil office ink paper");

    TinySaidLanguageModels(ArtifactsConfig artifacts) {
        super(artifacts);
    }

    @Override
    public CausalLm load(SaidParams params, List<String> itemTexts, Device device, ProgressReporter progress) {
        return ID.equals(params.lm()) ? TinyLm.create(VOCABULARY, 7) : super.load(params, itemTexts, device, progress);
    }
}
