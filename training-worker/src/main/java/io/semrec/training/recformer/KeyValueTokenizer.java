package io.semrec.training.recformer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.data.ItemTable;
import io.semrec.training.data.ItemText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns items into Recformer's key–value token streams with the warm start's WordPiece tokenizer:
 * for each configured attribute with a non-blank value, the tokens of its name (key) followed by the
 * tokens of its value, the pair cut to {@code attributeTokens}. Blank or absent attributes are left out.
 */
public final class KeyValueTokenizer implements AutoCloseable {

    private static final String CONTINUATION = "##";

    private final HuggingFaceTokenizer tokenizer;
    private final List<String> attributes;
    private final int attributeTokens;
    private final int clsId;
    private final int maskId;

    /**
     * @param tokenizerFile a Hugging Face {@code tokenizer.json} of a BERT WordPiece model
     * @param attributes the item attributes read, in this order
     * @param attributeTokens most tokens of one attribute, key and value together
     */
    public KeyValueTokenizer(Path tokenizerFile, List<String> attributes, int attributeTokens) {
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerFile)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + tokenizerFile, e);
        }
        this.attributes = List.copyOf(attributes);
        this.attributeTokens = attributeTokens;
        this.clsId = specialId("[CLS]");
        this.maskId = specialId("[MASK]");
    }

    public int clsId() {
        return clsId;
    }

    public int maskId() {
        return maskId;
    }

    /** Every item of the table, by dense index; computed once per run and reused by every epoch. */
    public ItemTokens[] items(ItemTable items) {
        ItemTokens[] tokens = new ItemTokens[items.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = item(items.attributes(i));
        }
        return tokens;
    }

    public ItemTokens item(Map<String, Object> itemAttributes) {
        List<Piece> pieces = new ArrayList<>();
        int length = 0;
        for (String attribute : attributes) {
            String value = ItemText.of(itemAttributes, List.of(attribute));
            if (value.isBlank()) {
                continue;
            }
            Piece key = Piece.of(tokenizer.encode(attribute, false, false), RecformerArchitecture.KEY, attributeTokens);
            Piece text = Piece.of(tokenizer.encode(value, false, false), RecformerArchitecture.VALUE,
                    attributeTokens - key.count);
            pieces.add(key);
            pieces.add(text);
            length += key.count + text.count;
        }
        int[] ids = new int[length];
        int[] types = new int[length];
        boolean[] starts = new boolean[length];
        int at = 0;
        for (Piece piece : pieces) {
            long[] pieceIds = piece.encoding.getIds();
            String[] tokens = piece.encoding.getTokens();
            for (int t = 0; t < piece.count; t++, at++) {
                ids[at] = Math.toIntExact(pieceIds[t]);
                types[at] = piece.type;
                // The first token of a key or value always starts a word, whatever its spelling.
                starts[at] = t == 0 || !tokens[t].startsWith(CONTINUATION);
            }
        }
        return new ItemTokens(ids, types, starts);
    }

    /** The first {@code count} tokens of an encoding, all of one type. */
    private record Piece(Encoding encoding, int type, int count) {
        static Piece of(Encoding encoding, int type, int room) {
            return new Piece(encoding, type, Math.min(room, encoding.getIds().length));
        }
    }

    private int specialId(String token) {
        long[] ids = tokenizer.encode(token, false, false).getIds();
        if (ids.length != 1) {
            throw new IllegalArgumentException("the tokenizer has no single token " + token);
        }
        return Math.toIntExact(ids[0]);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
