package io.semrec.training.lm;

import ai.djl.Device;
import io.semrec.training.ProgressReporter;
import java.nio.file.Path;
import java.util.List;

/** Obtains the causal LM a job uses, from {@link LmOptions}, training or adapting it when asked. */
public final class LanguageModels {

    private LanguageModels() {
    }

    /**
     * The LM for a job.
     *
     * <ul>
     *   <li>{@link LmSource#MINILM}: all-MiniLM-L6-v2 as a causal LM, adapted to {@code itemTexts}
     *       (unless {@code adaptation.epochs} is 0); the adapted LM is kept under
     *       {@code artifactFolder/lm-cache/} keyed by a hash of everything it depends on, so a later
     *       job on the same text loads it instead of adapting again.</li>
     *   <li>{@link LmSource#PRETRAINED}: the Hugging Face folder {@code artifactFolder/checkpoints/<id>/}.</li>
     *   <li>{@link LmSource#SCRATCH}: a BPE tokenizer and small GPT-2-style LM trained on
     *       {@code itemTexts}, cached like the adapted MiniLM.</li>
     * </ul>
     *
     * @param artifactFolder the worker's artifact folder ({@code semrec.artifacts.dir})
     * @param itemTexts the catalog's item texts, in any order: they are sorted before they key the
     *     cache and before any training, so the same texts from another import order or from the
     *     dataset files find the same LM
     * @param progress receives the phases and metrics of any training done here
     */
    public static CausalLm load(LmOptions options, Path artifactFolder, List<String> itemTexts, Device device,
            ProgressReporter progress) {
        LmFolders folders = new LmFolders(artifactFolder);
        List<String> texts = itemTexts.stream().sorted().toList();
        return switch (options.source()) {
            case MINILM -> MiniLmAdaptation.load(options, folders, texts, device, progress);
            case PRETRAINED -> {
                String id = options.checkpoint().orElseThrow();
                yield HfCheckpoint.load(folders.checkpoint(id), "hf:" + id, device);
            }
            case SCRATCH -> ScratchLm.load(options, folders, texts, device, progress);
        };
    }
}
