package io.semrec.training.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Item texts as LM training sequences, and their split into training and held-out texts. */
public final class LmTexts {

    /**
     * @param train, heldOut token sequences {@code bos, text tokens (at most the budget), eos}
     */
    public record Split(List<long[]> train, List<long[]> heldOut) {
    }

    private LmTexts() {
    }

    /** Each non-empty text as {@code bos, tokens…, eos}, at most {@code budget} text tokens. */
    public static List<long[]> sequences(LmTokenizer tokenizer, List<String> texts, int budget) {
        List<long[]> sequences = new ArrayList<>(texts.size());
        for (String text : texts) {
            long[] tokens = tokenizer.encode(text, budget);
            if (tokens.length == 0) {
                continue;
            }
            long[] sequence = new long[tokens.length + 2];
            sequence[0] = tokenizer.bosId();
            System.arraycopy(tokens, 0, sequence, 1, tokens.length);
            sequence[sequence.length - 1] = tokenizer.eosId();
            sequences.add(sequence);
        }
        return sequences;
    }

    /** A seeded random {@code heldOutShare} of the sequences held out (none when the share rounds to 0). */
    public static Split split(List<long[]> sequences, double heldOutShare, long seed) {
        int heldOutCount = (int) Math.round(sequences.size() * heldOutShare);
        boolean[] heldOut = new boolean[sequences.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int chosen = 0; chosen < heldOutCount; ) {
            int index = random.nextInt(sequences.size());
            if (!heldOut[index]) {
                heldOut[index] = true;
                chosen++;
            }
        }
        List<long[]> train = new ArrayList<>();
        List<long[]> held = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            (heldOut[i] ? held : train).add(sequences.get(i));
        }
        return new Split(train, held);
    }
}
