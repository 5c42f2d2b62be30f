package io.semrec.training.said;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.semrec.training.lm.CausalLm;
import io.semrec.training.lm.DecoderLm;
import io.semrec.training.lm.LmTokenizer;
import io.semrec.training.lm.MiniLmDecoder;
import io.semrec.training.text.BertConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A randomly initialised two-layer causal LM over the words of given texts: stage 1 in seconds. */
final class TinyLm {

    static final int WIDTH = 32;

    private TinyLm() {
    }

    static CausalLm create(List<String> texts, long seed) {
        WordTokenizer tokenizer = new WordTokenizer(texts);
        BertConfig config = new BertConfig(tokenizer.size(), WIDTH, 2, 2, 2 * WIDTH, 64, 1, 1e-12f, 0f, 0.5f);
        Engine.getInstance().setRandomSeed((int) seed);
        return DecoderLm.create("tiny-test", new MiniLmDecoder(config), tokenizer, Device.cpu());
    }

    /** Lower-cased words; 0 pad, 1 bos, 2 eos, then every word of the texts in order of appearance. */
    static final class WordTokenizer implements LmTokenizer {

        private final Map<String, Long> ids = new LinkedHashMap<>();
        private final List<String> words = new ArrayList<>(List.of("[PAD]", "[BOS]", "[EOS]"));

        WordTokenizer(List<String> texts) {
            for (String word : words) {
                ids.put(word, (long) ids.size());
            }
            for (String text : texts) {
                for (String word : split(text)) {
                    if (ids.putIfAbsent(word, (long) words.size()) == null) {
                        words.add(word);
                    }
                }
            }
        }

        int size() {
            return words.size();
        }

        @Override
        public long[] encode(String text, int maxTokens) {
            return split(text).stream().limit(maxTokens).mapToLong(word -> ids.getOrDefault(word, 0L)).toArray();
        }

        @Override
        public String decode(long[] tokens) {
            return String.join(" ", Arrays.stream(tokens).filter(t -> t > 2).mapToObj(t -> words.get((int) t)).toList());
        }

        @Override
        public long bosId() {
            return 1;
        }

        @Override
        public long eosId() {
            return 2;
        }

        @Override
        public long padId() {
            return 0;
        }

        private static List<String> split(String text) {
            String trimmed = text.strip().toLowerCase(Locale.ROOT);
            return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
        }
    }
}
