package io.semrec.training.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * A causal (left-to-right) decoder language model on one device, fed either token ids or input
 * embeddings, so a trainable soft prefix can stand in front of text tokens.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #embed} maps token ids (B,T) int64 to the rows of the LM's token embedding table
 *       (B,T,H), H = {@link #embeddingWidth()}: exactly what the LM looks up for an id, before
 *       positions or any scaling. A soft prefix must live in this space.</li>
 *   <li>{@link #forward} maps input embeddings (B,T,H) and a mask (B,T) (1 real, 0 padding; int64 or
 *       float) to next-token logits (B,T,V), V = {@link #vocabSize()}: the logits at position t
 *       predict the token at t+1 and depend only on positions 0..t (causal). Positions count from 0
 *       at the first input column, so a prefix of K soft tokens followed by text ids is
 *       {@code forward(concat(prefix, embed(ids)), mask)}. Pad on the right. T must not exceed
 *       {@link #maxPositions()}.</li>
 *   <li>{@code forwardIds(ids, mask, training)} equals {@code forward(embed(ids), mask, training)}.</li>
 *   <li>Results are attached to the manager of the input array, never to the model's, so a caller's
 *       sub-manager frees them. Inputs must be on {@link #device()}. Called inside a
 *       {@code GradientCollector}, gradients flow back to the inputs (e.g. a soft prefix) whether or
 *       not the LM's own parameters are frozen.</li>
 *   <li>{@code training} only switches dropout on; a frozen LM used as a fixed scorer passes false.</li>
 *   <li>{@link #freeze()} makes every parameter stop requiring gradients, so no optimiser step
 *       changes them; {@link #weightsFingerprint()} (SHA-256 over every parameter's bytes, in a fixed
 *       order) lets a test prove they stayed bit-identical.</li>
 *   <li>{@link #tokenizer()} is the tokenizer the LM was trained with; its ids index the LM's
 *       vocabulary.</li>
 *   <li>The LM owns native memory: close it when done. Not thread-safe.</li>
 * </ul>
 * Obtain one from {@link LanguageModels#load}.
 */
public interface CausalLm extends AutoCloseable {

    /** What this LM is, e.g. {@code minilm-bootstrap}, {@code minilm-adapted-<key>}, {@code hf:<id>}. */
    String id();

    /** H: width of the token embeddings (and of a soft token). */
    int embeddingWidth();

    /** V: size of the output vocabulary (and of the token embedding table). */
    int vocabSize();

    /** The longest input, soft tokens included. */
    int maxPositions();

    Device device();

    LmTokenizer tokenizer();

    /** Token ids (B,T) int64 to their input embeddings (B,T,H). */
    NDArray embed(NDArray tokenIds);

    /** Input embeddings (B,T,H) and mask (B,T) to next-token logits (B,T,V). */
    NDArray forward(NDArray inputEmbeddings, NDArray mask, boolean training);

    /** Token ids (B,T) and mask (B,T) to next-token logits (B,T,V). */
    default NDArray forwardIds(NDArray tokenIds, NDArray mask, boolean training) {
        return forward(embed(tokenIds), mask, training);
    }

    /** Stops every parameter from requiring gradients (and so from being trained). */
    void freeze();

    /** SHA-256 (hex) over every parameter's values in a fixed order: equal iff the weights are bit-identical. */
    String weightsFingerprint();

    /**
     * The DJL block behind the model, for training it (inputs: embeddings (B,T,H), mask (B,T);
     * output: logits (B,T,V)). Callers that only use the LM need {@link #forward}.
     */
    Block block();

    @Override
    void close();
}
