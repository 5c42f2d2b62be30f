package io.semrec.training.lm;

import java.util.Optional;

/**
 * How to obtain a job's language model; {@link #DEFAULTS} holds every default in one place.
 *
 * @param checkpoint for {@link LmSource#PRETRAINED}: the id of a folder inside the artifact folder's
 *     {@code checkpoints/} (a name, never a path)
 * @param tokenBudget text tokens per item the LM is adapted or trained on
 */
public record LmOptions(LmSource source, Optional<String> checkpoint, int tokenBudget, Adaptation adaptation,
        ScratchShape scratch, long seed) {

    /**
     * Causal-LM training on the item text: of the bootstrap (adaptation) or of the from-scratch LM.
     *
     * @param epochs passes over the training texts; 0 skips adaptation
     * @param heldOutShare share of the texts kept out of training to measure perplexity
     */
    public record Adaptation(int epochs, int batchSize, double learningRate, double weightDecay,
            double heldOutShare) {

        public Adaptation {
            if (epochs < 0 || batchSize < 1 || learningRate <= 0 || weightDecay < 0 || heldOutShare < 0
                    || heldOutShare >= 1) {
                throw new IllegalArgumentException("bad LM adaptation settings");
            }
        }
    }

    /**
     * The from-scratch LM's size and training.
     *
     * @param vocabSize BPE vocabulary including the 256 byte tokens and the special tokens
     */
    public record ScratchShape(int vocabSize, int layers, int width, int heads, Adaptation training) {

        public ScratchShape {
            if (vocabSize < 260 || layers < 1 || width < 1 || heads < 1 || width % heads != 0) {
                throw new IllegalArgumentException("bad from-scratch LM shape");
            }
        }
    }

    /**
     * MiniLM bootstrap adapted for one epoch at a BERT fine-tuning learning rate (its output bias
     * starts at the catalog's unigram prior, so the pass only has to bend the pretrained states
     * towards the catalog's text; one epoch keeps it to minutes on a CPU); 40-token texts; the
     * from-scratch LM (4 × 256, 4,096 BPE tokens) needs more epochs at a higher rate to learn
     * anything from nothing.
     */
    public static final LmOptions DEFAULTS = new LmOptions(LmSource.MINILM, Optional.empty(), 40,
            new Adaptation(1, 32, 1e-4, 0.01, 0.05),
            new ScratchShape(4096, 4, 256, 4, new Adaptation(8, 32, 1e-3, 0.01, 0.05)), 42);

    public LmOptions {
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("token budget must be positive");
        }
        if (source == LmSource.PRETRAINED && checkpoint.isEmpty()) {
            throw new IllegalArgumentException("a pretrained LM needs a checkpoint id");
        }
    }

    public LmOptions withSource(LmSource newSource, Optional<String> newCheckpoint) {
        return new LmOptions(newSource, newCheckpoint, tokenBudget, adaptation, scratch, seed);
    }

    public LmOptions withTokenBudget(int budget) {
        return new LmOptions(source, checkpoint, budget, adaptation, scratch, seed);
    }

    public LmOptions withAdaptation(Adaptation newAdaptation) {
        return new LmOptions(source, checkpoint, tokenBudget, newAdaptation, scratch, seed);
    }

    public LmOptions withScratch(ScratchShape newScratch) {
        return new LmOptions(source, checkpoint, tokenBudget, adaptation, newScratch, seed);
    }
}
