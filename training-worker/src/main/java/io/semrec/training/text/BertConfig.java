package io.semrec.training.text;

/**
 * Shape of a BERT encoder, in the terms of a Hugging Face {@code config.json}
 * ({@code vocab_size}, {@code hidden_size}, ...).
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int layers,
        int heads,
        int intermediateSize,
        int maxPositions,
        int typeVocabSize,
        float layerNormEps,
        float dropout,
        float initializerRange) {

    public BertConfig {
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of " + heads + " heads");
        }
    }

    public int headSize() {
        return hiddenSize / heads;
    }
}
