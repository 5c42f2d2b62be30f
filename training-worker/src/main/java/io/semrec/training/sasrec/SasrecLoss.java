package io.semrec.training.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.Locale;
import java.util.SplittableRandom;

/** SASRec's training objective over the hidden states of real (non-padding) positions. */
public enum SasrecLoss {

    /** Softmax cross-entropy over all items: every other item is a negative. */
    CE(new SoftmaxCrossEntropyLoss("ce", 1f, 1, true, true)) {
        @Override
        NDArray compute(SequenceNetwork network, NDArray hidden, long[] targets, SplittableRandom random) {
            NDManager manager = hidden.getManager();
            NDArray labels = manager.create(targets).sub(1);
            return djlLoss().evaluate(new NDList(labels), new NDList(network.itemScores(hidden)));
        }
    },

    /** SASRec's original binary cross-entropy against one uniformly sampled negative per position. */
    BCE(new SigmoidBinaryCrossEntropyLoss("bce", 1f, false)) {
        @Override
        NDArray compute(SequenceNetwork network, NDArray hidden, long[] targets, SplittableRandom random) {
            NDManager manager = hidden.getManager();
            long[] negatives = new long[targets.length];
            for (int i = 0; i < targets.length; i++) {
                do {
                    negatives[i] = SequenceBatch.token(random.nextInt(network.itemCount()));
                } while (negatives[i] == targets[i]);
            }
            NDArray positive = dot(hidden, network.itemVectors(manager.create(targets)));
            NDArray negative = dot(hidden, network.itemVectors(manager.create(negatives)));
            NDArray labels = manager.ones(positive.getShape()).concat(manager.zeros(negative.getShape()));
            return djlLoss().evaluate(new NDList(labels), new NDList(positive.concat(negative)));
        }

        private NDArray dot(NDArray a, NDArray b) {
            return a.mul(b).sum(new int[] {1});
        }
    };

    private final Loss djlLoss;

    SasrecLoss(Loss djlLoss) {
        this.djlLoss = djlLoss;
    }

    /** DJL's loss applied to the labels and predictions this objective builds. */
    Loss djlLoss() {
        return djlLoss;
    }

    /**
     * @param hidden {@code (n, dim)} hidden states of the positions that have a target
     * @param targets the target token (item index + 1) of each of those positions
     * @return the mean loss, a scalar
     */
    abstract NDArray compute(SequenceNetwork network, NDArray hidden, long[] targets, SplittableRandom random);

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SasrecLoss fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
