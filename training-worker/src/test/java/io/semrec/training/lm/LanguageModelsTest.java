package io.semrec.training.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.semrec.training.support.RecordedProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Obtaining a job's LM: the adapted MiniLM and its cache, and checkpoint ids that must stay names. */
class LanguageModelsTest {

    private static final List<String> TEXTS = List.of(
            "title: cordless phone brand: vtech", "title: stapler brand: swingline",
            "title: ballpoint pens brand: bic", "title: printer paper brand: hammermill",
            "title: desk lamp brand: tensor", "title: sticky notes brand: post-it",
            "title: label maker brand: dymo", "title: paper clips brand: acco");
    private static final LmOptions TINY = LmOptions.DEFAULTS.withTokenBudget(8)
            .withAdaptation(new LmOptions.Adaptation(1, 4, 1e-3, 0.01, 0.25));

    @Test
    void adaptationLowersHeldOutPerplexityAndASecondJobOnTheSameTextsInAnotherOrderLoadsIt(@TempDir Path artifacts)
            throws IOException {
        Path root = withSharedPretrained(artifacts);
        RecordedProgress first = new RecordedProgress();
        String fingerprint;
        String id;
        try (CausalLm lm = LanguageModels.load(TINY, root, TEXTS, Device.cpu(), first)) {
            fingerprint = lm.weightsFingerprint();
            id = lm.id();
        }
        assertEquals(List.of(LmMetrics.ADAPT_PHASE), first.phases);
        List<Double> perplexity = first.values(LmMetrics.HELD_OUT_PERPLEXITY);
        assertEquals(2, perplexity.size());
        assertTrue(perplexity.get(1) < perplexity.get(0), "perplexity " + perplexity);
        assertTrue(id.startsWith("minilm-adapted-"), id);
        try (Stream<Path> cached = Files.list(root.resolve("lm-cache"))) {
            assertEquals(List.of(id), cached.map(p -> p.getFileName().toString()).toList());
        }

        RecordedProgress second = new RecordedProgress();
        try (CausalLm lm = LanguageModels.load(TINY, root, reversed(TEXTS), Device.cpu(), second)) {
            assertEquals(id, lm.id());
            assertEquals(fingerprint, lm.weightsFingerprint());
        }
        assertTrue(second.phases.isEmpty(), "no training the second time: " + second.phases);
    }

    @Test
    void theCacheKeyChangesWithEveryInputTheLmDependsOn() {
        List<String> settings = List.of("minilm-bootstrap", "40", "Adaptation[epochs=1]");
        String key = LmCacheKey.of("minilm-adapted", settings, TEXTS);
        assertEquals(key, LmCacheKey.of("minilm-adapted", settings, List.copyOf(TEXTS)));
        List<String> changed = Stream.concat(TEXTS.stream(), Stream.of("title: whiteboard brand: quartet")).toList();
        assertNotEquals(key, LmCacheKey.of("minilm-adapted", settings, changed));
        assertNotEquals(key, LmCacheKey.of("minilm-adapted", List.of("minilm-bootstrap", "32", "Adaptation[epochs=1]"),
                TEXTS));
        assertNotEquals(key, LmCacheKey.of("scratch-gpt2", settings, TEXTS));
        // Boundaries count: ("ab", "c") is not ("a", "bc").
        assertNotEquals(LmCacheKey.of("k", List.of(), List.of("ab", "c")), LmCacheKey.of("k", List.of(), List.of("a", "bc")));
    }

    @Test
    void checkpointIdsArePlainNames(@TempDir Path artifacts) {
        LmFolders folders = new LmFolders(artifacts);
        assertEquals(artifacts.resolve("checkpoints").resolve("qwen2.5-0.5b"), folders.checkpoint("qwen2.5-0.5b"));
        for (String bad : List.of("../etc", "a/b", "a\\b", "..", ".hidden", "", "/abs")) {
            assertThrows(IllegalArgumentException.class, () -> folders.checkpoint(bad), bad);
        }
        LmOptions pretrained = LmOptions.DEFAULTS.withSource(LmSource.PRETRAINED, Optional.of("../x"));
        assertThrows(IllegalArgumentException.class,
                () -> LanguageModels.load(pretrained, artifacts, TEXTS, Device.cpu(), new RecordedProgress()));
    }

    private static List<String> reversed(List<String> texts) {
        List<String> copy = new ArrayList<>(texts);
        Collections.reverse(copy);
        return copy;
    }

    /** The artifact root, with the extracted MiniLM linked from the build's cache so tests do not copy 90 MB each. */
    static Path withSharedPretrained(Path artifacts) throws IOException {
        Path shared = Path.of("target", "pretrained-cache").toAbsolutePath();
        MiniLmBootstrap.pretrained(shared);
        Files.createSymbolicLink(artifacts.resolve("pretrained"), shared);
        return artifacts;
    }
}
