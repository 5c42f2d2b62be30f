package io.semrec.training.recformer.model;

import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.text.BertConfig;
import io.semrec.training.text.PretrainedMiniLm;

/**
 * A Recformer encoder's shape ({@link RecformerArchitecture}: vocab, hidden, layers, heads,
 * intermediate, maxTokenPositions, positionOffset, itemPositions, tokenTypes = 4, window, eps) plus
 * what only training needs: dropout and the initialiser's standard deviation.
 */
public record RecformerConfig(RecformerArchitecture architecture, float dropout, float initializerRange) {

    /** The paper's sliding window: 32 tokens on each side. */
    public static final int DEFAULT_WINDOW = 64;
    /** The paper's token budget of a sequence. */
    public static final int DEFAULT_MAX_TOKENS = 1024;

    /**
     * all-MiniLM-L6-v2's transformer (BERT positions, offset 0) with Recformer's tables: the default
     * warm start ({@link RecformerCheckpoints#warmStartFromMiniLm}).
     */
    public static RecformerConfig miniLm(int maxTokenPositions, int itemPositions, int window) {
        BertConfig bert = PretrainedMiniLm.CONFIG;
        return new RecformerConfig(new RecformerArchitecture(bert.vocabSize(), bert.hiddenSize(), bert.layers(),
                bert.heads(), bert.intermediateSize(), maxTokenPositions, 0, itemPositions,
                RecformerArchitecture.TOKEN_TYPES, window, bert.layerNormEps()), bert.dropout(),
                bert.initializerRange());
    }

    /** {@link #miniLm} with the paper's 1024 tokens, 51 item positions (CLS + 50 items) and window 64. */
    public static RecformerConfig miniLmDefaults() {
        return miniLm(DEFAULT_MAX_TOKENS, RecformerArchitecture.MIN_ITEM_POSITIONS, DEFAULT_WINDOW);
    }

    public int hiddenSize() {
        return architecture.hiddenSize();
    }

    public int vocabSize() {
        return architecture.vocabSize();
    }

    public int maxTokenPositions() {
        return architecture.maxTokenPositions();
    }

    public int itemPositions() {
        return architecture.itemPositions();
    }

    public int window() {
        return architecture.attentionWindow();
    }

    /** The same model with another dropout (e.g. 0 for a deterministic check). */
    public RecformerConfig withDropout(float newDropout) {
        return new RecformerConfig(architecture, newDropout, initializerRange);
    }

    /** The transformer in {@link BertConfig} terms; its position table has {@code maxTokenPositions + positionOffset} rows. */
    BertConfig bertConfig() {
        RecformerArchitecture a = architecture;
        return new BertConfig(a.vocabSize(), a.hiddenSize(), a.layers(), a.heads(), a.intermediateSize(),
                a.positionRows(), a.tokenTypes(), a.layerNormEps(), dropout, initializerRange);
    }
}
