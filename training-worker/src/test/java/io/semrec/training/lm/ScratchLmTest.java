package io.semrec.training.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.support.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The from-scratch option: BPE + small GPT-2 trained on item titles, cached like the adapted MiniLM. */
class ScratchLmTest {

    @Test
    void trainsOnItemTextStoresAHuggingFaceFolderAndReusesIt(@TempDir Path artifacts) {
        List<String> titles = SharedDatasets.items("amazon-office", 64, List.of("title"));
        LmOptions.Adaptation training = new LmOptions.Adaptation(3, 16, 3e-3, 0.0, 0.125);
        LmOptions options = LmOptions.DEFAULTS.withSource(LmSource.SCRATCH, Optional.empty()).withTokenBudget(16)
                .withScratch(new LmOptions.ScratchShape(400, 1, 32, 2, training));
        RecordedProgress first = new RecordedProgress();
        String fingerprint;
        try (CausalLm lm = LanguageModels.load(options, artifacts, titles, Device.cpu(), first)) {
            assertEquals(32, lm.embeddingWidth());
            assertEquals(400, lm.vocabSize());
            assertEquals(16 + 2 + ScratchLm.PREFIX_ROOM, lm.maxPositions());
            assertEquals(titles.get(3), lm.tokenizer().decode(lm.tokenizer().encode(titles.get(3), 1000)));
            fingerprint = lm.weightsFingerprint();
        }
        assertEquals(List.of(LmMetrics.SCRATCH_PHASE), first.phases);
        List<Double> perplexity = first.values(LmMetrics.HELD_OUT_PERPLEXITY);
        assertTrue(perplexity.get(perplexity.size() - 1) < perplexity.get(0), "perplexity " + perplexity);
        Path folder = artifacts.resolve("lm-cache").toFile().listFiles()[0].toPath();
        assertTrue(Files.isRegularFile(folder.resolve("config.json")));
        assertTrue(Files.isRegularFile(folder.resolve("tokenizer.json")));

        RecordedProgress second = new RecordedProgress();
        try (CausalLm lm = LanguageModels.load(options, artifacts, titles, Device.cpu(), second)) {
            assertEquals(fingerprint, lm.weightsFingerprint());
        }
        assertTrue(second.phases.isEmpty());
    }

    @Test
    void anLmWhoseTrainingDivergesIsRefusedAndNotCached(@TempDir Path artifacts) {
        List<String> titles = SharedDatasets.items("amazon-office", 64, List.of("title"));
        // A learning rate no network survives: weights leave the float range within a few steps.
        LmOptions.Adaptation training = new LmOptions.Adaptation(3, 16, 1e30, 0.0, 0.125);
        LmOptions options = LmOptions.DEFAULTS.withSource(LmSource.SCRATCH, Optional.empty()).withTokenBudget(16)
                .withScratch(new LmOptions.ScratchShape(400, 1, 32, 2, training));
        RecordedProgress progress = new RecordedProgress();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LanguageModels.load(options, artifacts, titles, Device.cpu(), progress).close());
        assertTrue(e.getMessage().startsWith("LM training"), e.getMessage());
        Path cache = artifacts.resolve("lm-cache");
        assertTrue(!Files.exists(cache) || cache.toFile().list().length == 0, "nothing cached");
    }
}
