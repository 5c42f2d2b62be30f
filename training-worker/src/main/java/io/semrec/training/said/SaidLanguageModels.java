package io.semrec.training.said;

import ai.djl.Device;
import io.semrec.artifact.ArtifactsConfig;
import io.semrec.training.ProgressReporter;
import io.semrec.training.lm.CausalLm;
import io.semrec.training.lm.LanguageModels;
import io.semrec.training.lm.LmOptions;
import io.semrec.training.lm.LmSource;
import io.semrec.training.spec.SaidParameters;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where SAID jobs get their language model: {@link LanguageModels} over the worker's artifact folder. */
@Singleton
public class SaidLanguageModels {

    /** Used when no artifact folder is configured: LMs are then cached per machine, not shared. */
    static final Path FALLBACK_FOLDER = Path.of(System.getProperty("java.io.tmpdir"), "semrec-artifacts");

    private final Path folder;

    SaidLanguageModels(ArtifactsConfig artifacts) {
        this.folder = artifacts.dir().orElse(FALLBACK_FOLDER);
    }

    /** The job's LM as {@link SaidParams#lm()} names it, adapted or trained on {@code itemTexts} where it is. */
    public CausalLm load(SaidParams params, List<String> itemTexts, Device device, ProgressReporter progress) {
        return LanguageModels.load(options(params), folder, itemTexts, device, progress);
    }

    static LmOptions options(SaidParams params) {
        LmOptions.Adaptation adaptation = LmOptions.DEFAULTS.adaptation();
        LmOptions defaults = LmOptions.DEFAULTS.withTokenBudget(params.tokenBudget())
                .withAdaptation(new LmOptions.Adaptation(params.lmAdaptEpochs(), adaptation.batchSize(),
                        adaptation.learningRate(), adaptation.weightDecay(), adaptation.heldOutShare()));
        return switch (params.lm()) {
            case SaidParameters.LM_BOOTSTRAP -> defaults.withSource(LmSource.MINILM, Optional.empty());
            case SaidParameters.LM_SCRATCH -> defaults.withSource(LmSource.SCRATCH, Optional.empty());
            default -> defaults.withSource(LmSource.PRETRAINED, Optional.of(params.lm()));
        };
    }
}
