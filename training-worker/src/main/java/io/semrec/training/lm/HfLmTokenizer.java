package io.semrec.training.lm;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** An {@link LmTokenizer} over a Hugging Face {@code tokenizer.json}, run by DJL's native tokenizers, offline. */
public final class HfLmTokenizer implements LmTokenizer {

    private final HuggingFaceTokenizer tokenizer;
    private final long bos;
    private final long eos;
    private final long pad;

    private HfLmTokenizer(HuggingFaceTokenizer tokenizer, long bos, long eos, long pad) {
        this.tokenizer = tokenizer;
        this.bos = bos;
        this.eos = eos;
        this.pad = pad;
    }

    /**
     * Loads {@code tokenizer.json} with its own padding and truncation turned off (budgets are the
     * caller's) and special tokens not added.
     *
     * @param bos, eos, pad special tokens by their text (e.g. {@code [CLS]}), looked up in the file's
     *     {@code added_tokens}
     */
    public static HfLmTokenizer load(Path tokenizerJson, String bos, String eos, String pad) {
        Map<String, Long> special = specialTokens(tokenizerJson);
        return new HfLmTokenizer(open(tokenizerJson), require(special, bos, tokenizerJson),
                require(special, eos, tokenizerJson), require(special, pad, tokenizerJson));
    }

    /** Loads {@code tokenizer.json} with special tokens given by id (as a model's {@code config.json} does). */
    public static HfLmTokenizer load(Path tokenizerJson, long bos, long eos, long pad) {
        return new HfLmTokenizer(open(tokenizerJson), bos, eos, pad);
    }

    @Override
    public long[] encode(String text, int maxTokens) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        return ids.length <= maxTokens ? ids : Arrays.copyOf(ids, maxTokens);
    }

    @Override
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    @Override
    public long bosId() {
        return bos;
    }

    @Override
    public long eosId() {
        return eos;
    }

    @Override
    public long padId() {
        return pad;
    }

    private static HuggingFaceTokenizer open(Path tokenizerJson) {
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + tokenizerJson, e);
        }
    }

    private static Map<String, Long> specialTokens(Path tokenizerJson) {
        try {
            JsonNode added = new ObjectMapper().readTree(tokenizerJson.toFile()).path("added_tokens");
            Map<String, Long> ids = new HashMap<>();
            added.forEach(token -> ids.put(token.path("content").asText(), token.path("id").asLong()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tokenizerJson, e);
        }
    }

    private static long require(Map<String, Long> special, String token, Path file) {
        Long id = special.get(token);
        if (id == null) {
            throw new IllegalArgumentException(file + " declares no special token " + token);
        }
        return id;
    }
}
