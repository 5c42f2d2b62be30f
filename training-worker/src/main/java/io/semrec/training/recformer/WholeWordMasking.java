package io.semrec.training.recformer;

import io.semrec.encoder.RecformerArchitecture;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * BERT-style whole-word masking for Recformer's MLM loss: each word (a word-start token and the
 * {@code ##} continuations after it) is chosen with probability {@code probability}; every token of a
 * chosen word becomes a prediction target and is replaced by [MASK] (80%), by a random token (10%) or
 * kept (10%), decided per token as Hugging Face's whole-word collator does. [CLS] is never chosen.
 */
public final class WholeWordMasking {

    /** Label of a position that is not a prediction target. */
    public static final int IGNORED = -1;

    private static final double MASK_SHARE = 0.8;
    private static final double RANDOM_SHARE = 0.1;

    private final double probability;
    private final int maskId;
    private final int vocabularySize;

    public WholeWordMasking(double probability, int maskId, int vocabularySize) {
        this.probability = probability;
        this.maskId = maskId;
        this.vocabularySize = vocabularySize;
    }

    /**
     * @param inputs the sequence with some tokens replaced
     * @param labels the original token id at each target position, {@link #IGNORED} elsewhere
     */
    public record Masked(TokenSequence inputs, int[] labels) {

        public int targets() {
            return (int) Arrays.stream(labels).filter(label -> label != IGNORED).count();
        }
    }

    public Masked mask(TokenSequence sequence, SplittableRandom random) {
        int[] ids = sequence.ids().clone();
        int[] labels = new int[ids.length];
        Arrays.fill(labels, IGNORED);
        boolean chosen = false;
        for (int t = 0; t < ids.length; t++) {
            if (sequence.types()[t] == RecformerArchitecture.CLS) {
                chosen = false;
                continue;
            }
            if (sequence.wordStarts()[t]) {
                chosen = random.nextDouble() < probability;
            }
            if (chosen) {
                labels[t] = ids[t];
                ids[t] = replacement(ids[t], random);
            }
        }
        return new Masked(sequence.withIds(ids), labels);
    }

    private int replacement(int original, SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < MASK_SHARE) {
            return maskId;
        }
        if (draw < MASK_SHARE + RANDOM_SHARE) {
            return random.nextInt(vocabularySize);
        }
        return original;
    }
}
