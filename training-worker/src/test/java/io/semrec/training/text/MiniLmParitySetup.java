package io.semrec.training.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OrtException;

/**
 * What a parity test against ONNX Runtime on the original all-MiniLM-L6-v2 holds open for its whole class:
 * the extracted model, its tokenizer, the ONNX reference and a manager for the DJL encoder's parameters.
 */
public record MiniLmParitySetup(PretrainedMiniLm pretrained, HuggingFaceTokenizer tokenizer, OnnxReference onnx,
        NDManager parameters) implements AutoCloseable {

    /** Largest difference in last_hidden_state (and pooled vectors) that still counts as equal. */
    public static final float TOLERANCE = 1e-4f;
    /** The tokenizer's budget: longer texts are cut to this many tokens. */
    public static final int MAX_TOKENS = 128;

    public static MiniLmParitySetup open() throws OrtException {
        PretrainedMiniLm pretrained = MiniLmFixture.pretrained();
        return new MiniLmParitySetup(pretrained, pretrained.tokenizer(MAX_TOKENS),
                new OnnxReference(pretrained.onnxFile()), NDManager.newBaseManager());
    }

    @Override
    public void close() throws OrtException {
        onnx.close();
        parameters.close();
        tokenizer.close();
    }
}
