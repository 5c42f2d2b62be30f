package io.semrec.training.lm;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.training.ProgressReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A byte-level BPE tokenizer and a small GPT-2 trained from scratch on the item text, stored in the
 * LM cache as a Hugging Face GPT-2 folder under a key of (item texts, token budget, shape, training
 * settings, seed), so later jobs on the same text load it.
 */
final class ScratchLm {

    private static final Logger LOG = Logger.getLogger(ScratchLm.class);
    private static final String KIND = "scratch-gpt2";
    /**
     * Positions beyond bos + budget + eos, so a soft prefix of up to this many tokens fits in front
     * of a full text.
     */
    static final int PREFIX_ROOM = 16;
    private static final float LAYER_NORM_EPS = 1e-5f;
    private static final float DROPOUT = 0.1f;

    private ScratchLm() {
    }

    static CausalLm load(LmOptions options, LmFolders folders, List<String> texts, Device device,
            ProgressReporter progress) {
        String key = LmCacheKey.of(KIND, List.of(Integer.toString(options.tokenBudget()), options.scratch().toString(),
                Long.toString(options.seed())), texts);
        Path folder = folders.cachedOrBuilt(key,
                target -> trainAndStore(options, texts, key, target, device, progress));
        return HfCheckpoint.load(folder, key, device);
    }

    private static void trainAndStore(LmOptions options, List<String> texts, String key, Path folder, Device device,
            ProgressReporter progress) {
        LmOptions.ScratchShape shape = options.scratch();
        ByteLevelBpeTrainer.Trained bpe = ByteLevelBpeTrainer.train(texts, shape.vocabSize());
        Gpt2Config config = new Gpt2Config(bpe.vocabSize(), options.tokenBudget() + 2 + PREFIX_ROOM, shape.width(),
                shape.layers(), shape.heads(), 4 * shape.width(), LAYER_NORM_EPS, DROPOUT);
        Path scratchDir = null;
        try {
            scratchDir = Files.createTempDirectory("semrec-bpe");
            Path tokenizerFile = scratchDir.resolve(HfCheckpoint.TOKENIZER_FILE);
            Files.writeString(tokenizerFile, bpe.json());
            HfLmTokenizer tokenizer = HfLmTokenizer.load(tokenizerFile, ByteLevelBpeTrainer.END_OF_TEXT,
                    ByteLevelBpeTrainer.END_OF_TEXT, ByteLevelBpeTrainer.END_OF_TEXT);
            try (DecoderLm lm = DecoderLm.create(key, new Gpt2Decoder(config), tokenizer, device)) {
                LmTexts.Split split = LmTexts.split(LmTexts.sequences(tokenizer, texts, options.tokenBudget()),
                        shape.training().heldOutShare(), options.seed());
                CausalLmTrainer.Result result = CausalLmTrainer.train(lm, split.train(), split.heldOut(),
                        shape.training(), options.seed(), progress, LmMetrics.SCRATCH_PHASE);
                LOG.infof("trained a %d-token BPE and a %d-layer GPT-2 from scratch in %.0f s: held-out perplexity %.1f",
                        bpe.vocabSize(), shape.layers(), result.seconds(), result.perplexityAfter());
                byte[] configJson = new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(config.toJson(tokenizer.eosId()));
                LmFolderWriter.write(folder, lm.network(), Map.of(HfCheckpoint.CONFIG_FILE, configJson,
                        HfCheckpoint.TOKENIZER_FILE, bpe.json().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(scratchDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(HfCheckpoint.TOKENIZER_FILE));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", dir, e.getMessage());
        }
    }
}
