package io.semrec.encoder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a Recformer encoder: a BERT/RoBERTa-style post-LayerNorm transformer with Longformer
 * attention and four summed input embeddings (token, token position, token type, item position).
 * Shared by the training worker (which builds and trains it) and serving (which runs it in plain
 * Java); stored as string metadata of the weights file ({@link #toMetadata()}).
 *
 * @param vocabSize rows of {@code embeddings.word_embeddings}
 * @param hiddenSize width of every hidden state; a multiple of {@code heads}
 * @param maxTokenPositions the longest token sequence; {@code embeddings.position_embeddings} has
 *     {@code maxTokenPositions + positionOffset} rows
 * @param positionOffset added to each token position (0, 1, ...) before the lookup: 0 for a BERT
 *     warm start (all-MiniLM-L6-v2), 2 ({@code padding_idx + 1}) for RoBERTa and Longformer checkpoints
 * @param itemPositions rows of {@code embeddings.item_position_embeddings}: 0 for CLS, k for the
 *     k-th most recent item, so a sequence holds at most {@code itemPositions - 1} items
 * @param tokenTypes rows of {@code embeddings.token_type_embeddings}: {@link #CLS}, {@link #KEY},
 *     {@link #VALUE}, {@link #PAD}
 * @param attentionWindow Longformer's {@code attention_window}: each token sees {@code window / 2}
 *     tokens on each side, plus CLS (global)
 */
public record RecformerArchitecture(
        int vocabSize,
        int hiddenSize,
        int layers,
        int heads,
        int intermediateSize,
        int maxTokenPositions,
        int positionOffset,
        int itemPositions,
        int tokenTypes,
        int attentionWindow,
        float layerNormEps) {

    /** Token type of the leading [CLS] token. */
    public static final int CLS = 0;
    /** Token type of the tokens of an attribute name (title, brand, ...). */
    public static final int KEY = 1;
    /** Token type of the tokens of an attribute value. */
    public static final int VALUE = 2;
    /** Token type of padding. */
    public static final int PAD = 3;
    /** How many token types there are. */
    public static final int TOKEN_TYPES = 4;
    /** Item positions the paper's sequences need: CLS plus 50 items. */
    public static final int MIN_ITEM_POSITIONS = 51;

    public static final String FORMAT_KEY = "format";
    public static final String FORMAT = "semrec.recformer.v1";

    public RecformerArchitecture {
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of " + heads + " heads");
        }
        if (attentionWindow < 2 || attentionWindow % 2 != 0) {
            throw new IllegalArgumentException("attention window must be even and at least 2, got " + attentionWindow);
        }
        if (tokenTypes != TOKEN_TYPES) {
            throw new IllegalArgumentException("Recformer has " + TOKEN_TYPES + " token types, got " + tokenTypes);
        }
        if (itemPositions < 2 || positionOffset < 0 || maxTokenPositions < 1) {
            throw new IllegalArgumentException("bad positions: " + maxTokenPositions + " tokens, offset "
                    + positionOffset + ", " + itemPositions + " item positions");
        }
    }

    public int headSize() {
        return hiddenSize / heads;
    }

    /** Rows of the token position table. */
    public int positionRows() {
        return maxTokenPositions + positionOffset;
    }

    public Map<String, String> toMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, FORMAT);
        metadata.put("vocab_size", Integer.toString(vocabSize));
        metadata.put("hidden_size", Integer.toString(hiddenSize));
        metadata.put("num_hidden_layers", Integer.toString(layers));
        metadata.put("num_attention_heads", Integer.toString(heads));
        metadata.put("intermediate_size", Integer.toString(intermediateSize));
        metadata.put("max_token_positions", Integer.toString(maxTokenPositions));
        metadata.put("position_offset", Integer.toString(positionOffset));
        metadata.put("item_positions", Integer.toString(itemPositions));
        metadata.put("type_vocab_size", Integer.toString(tokenTypes));
        metadata.put("attention_window", Integer.toString(attentionWindow));
        metadata.put("layer_norm_eps", Float.toString(layerNormEps));
        return metadata;
    }

    /** @throws IOException if the metadata is not a Recformer encoder's */
    public static RecformerArchitecture fromMetadata(Map<String, String> metadata) throws IOException {
        if (!FORMAT.equals(metadata.get(FORMAT_KEY))) {
            throw new IOException("not a Recformer encoder: " + FORMAT_KEY + " is " + metadata.get(FORMAT_KEY));
        }
        try {
            return new RecformerArchitecture(
                    integer(metadata, "vocab_size"),
                    integer(metadata, "hidden_size"),
                    integer(metadata, "num_hidden_layers"),
                    integer(metadata, "num_attention_heads"),
                    integer(metadata, "intermediate_size"),
                    integer(metadata, "max_token_positions"),
                    integer(metadata, "position_offset"),
                    integer(metadata, "item_positions"),
                    integer(metadata, "type_vocab_size"),
                    integer(metadata, "attention_window"),
                    Float.parseFloat(required(metadata, "layer_norm_eps")));
        } catch (IllegalArgumentException e) {
            throw new IOException("Recformer encoder metadata: " + e.getMessage(), e);
        }
    }

    private static int integer(Map<String, String> metadata, String key) throws IOException {
        return Integer.parseInt(required(metadata, key));
    }

    private static String required(Map<String, String> metadata, String key) throws IOException {
        String value = metadata.get(key);
        if (value == null) {
            throw new IOException("Recformer encoder metadata lacks " + key);
        }
        return value;
    }
}
