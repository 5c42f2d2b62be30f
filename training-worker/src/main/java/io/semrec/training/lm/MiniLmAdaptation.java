package io.semrec.training.lm;

import ai.djl.Device;
import io.semrec.training.ProgressReporter;
import io.semrec.training.text.PretrainedMiniLm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The MiniLM bootstrap adapted to a catalog's item text by causal-LM training, kept in the LM cache
 * under a key of (base LM, item texts, token budget, adaptation settings, seed): a later job on the
 * same text loads it instead of training again.
 */
final class MiniLmAdaptation {

    private static final Logger LOG = Logger.getLogger(MiniLmAdaptation.class);
    private static final String KIND = "minilm-adapted";
    private static final String TOKENIZER_FILE = "tokenizer.json";

    private MiniLmAdaptation() {
    }

    static CausalLm load(LmOptions options, LmFolders folders, List<String> texts, Device device,
            ProgressReporter progress) {
        PretrainedMiniLm pretrained = MiniLmBootstrap.pretrained(folders.pretrained());
        if (options.adaptation().epochs() == 0) {
            return MiniLmBootstrap.load(pretrained, device);
        }
        String key = LmCacheKey.of(KIND, List.of(MiniLmBootstrap.ID, pretrained.onnxFile().getParent().getFileName()
                .toString(), Integer.toString(options.tokenBudget()), options.adaptation().toString(),
                Long.toString(options.seed())), texts);
        Path folder = folders.cachedOrBuilt(key,
                target -> adaptAndStore(pretrained, options, texts, target, device, progress));
        DecoderLm lm = DecoderLm.create(key, new MiniLmDecoder(PretrainedMiniLm.CONFIG), HfLmTokenizer.load(
                folder.resolve(TOKENIZER_FILE), MiniLmBootstrap.BOS, MiniLmBootstrap.EOS, MiniLmBootstrap.PAD), device);
        try (SafeTensorsWeights weights = SafeTensorsWeights.open(folder)) {
            CheckpointLoader.loadAll(lm.network().checkpointSlots(), weights, Set.of());
        } catch (RuntimeException e) {
            lm.close();
            throw e;
        }
        return lm;
    }

    /**
     * log p(token) over the training texts' predicted tokens, add-one smoothed: the output bias starts
     * at the catalog's unigram distribution, which a few epochs at a fine-tuning learning rate could
     * not learn from zero.
     */
    static float[] unigramLogPrior(List<long[]> sequences, int vocab) {
        double[] counts = new double[vocab];
        Arrays.fill(counts, 1);
        double total = vocab;
        for (long[] sequence : sequences) {
            for (int t = 1; t < sequence.length; t++) {
                counts[(int) sequence[t]]++;
                total++;
            }
        }
        float[] prior = new float[vocab];
        for (int token = 0; token < vocab; token++) {
            prior[token] = (float) Math.log(counts[token] / total);
        }
        return prior;
    }

    private static void adaptAndStore(PretrainedMiniLm pretrained, LmOptions options, List<String> texts, Path folder,
            Device device, ProgressReporter progress) {
        try (DecoderLm lm = MiniLmBootstrap.load(pretrained, device)) {
            LmTexts.Split split = LmTexts.split(LmTexts.sequences(lm.tokenizer(), texts, options.tokenBudget()),
                    options.adaptation().heldOutShare(), options.seed());
            lm.network().checkpointSlots().get(MiniLmDecoder.OUTPUT_BIAS).parameter().getArray()
                    .set(unigramLogPrior(split.train(), lm.vocabSize()));
            CausalLmTrainer.Result result = CausalLmTrainer.train(lm, split.train(), split.heldOut(),
                    options.adaptation(), options.seed(), progress, LmMetrics.ADAPT_PHASE);
            LOG.infof("adapted MiniLM in %.0f s (%d steps, %d skipped as non-finite): held-out perplexity %.1f -> %.1f",
                    result.seconds(), result.steps(), result.skippedSteps(), result.perplexityBefore(),
                    result.perplexityAfter());
            LmFolderWriter.write(folder, lm.network(),
                    Map.of(TOKENIZER_FILE, Files.readAllBytes(pretrained.tokenizerFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
