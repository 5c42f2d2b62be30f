package io.semrec.training.lm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a byte-level BPE tokenizer (GPT-2's scheme) on texts and writes it as a standard Hugging
 * Face {@code tokenizer.json}, which DJL's tokenizer then runs. Texts are split with GPT-2's
 * pre-tokenization pattern, each piece becomes its UTF-8 bytes (shown as GPT-2's printable
 * byte characters), and the most frequent adjacent pair is merged until the vocabulary is full.
 * Lossless: every byte is a token, so any text decodes back exactly.
 */
public final class ByteLevelBpeTrainer {

    /** Begins, ends and pads every sequence (GPT-2's single special token); id 0. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    /** GPT-2's pre-tokenization pattern, as the ByteLevel pre-tokenizer applies it. */
    private static final Pattern PIECES = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    private static final char[] BYTE_CHARS = byteChars();

    private ByteLevelBpeTrainer() {
    }

    /**
     * A trained tokenizer.
     *
     * @param json the {@code tokenizer.json} content
     * @param vocabSize tokens in its vocabulary
     */
    public record Trained(String json, int vocabSize) {
    }

    /**
     * @param vocabSize tokens in all: the special token, the 256 bytes, then merges (fewer when the
     *     texts run out of pairs)
     */
    public static Trained train(List<String> texts, int vocabSize) {
        if (vocabSize < 257) {
            throw new IllegalArgumentException("a byte-level vocabulary needs at least 257 tokens");
        }
        List<String> symbols = new ArrayList<>();
        symbols.add(END_OF_TEXT);
        for (char c : BYTE_CHARS) {
            symbols.add(String.valueOf(c));
        }
        Map<String, Integer> pieceCounts = new HashMap<>();
        for (String text : texts) {
            Matcher matcher = PIECES.matcher(text);
            while (matcher.find()) {
                pieceCounts.merge(matcher.group(), 1, Integer::sum);
            }
        }
        Words words = new Words(pieceCounts);
        Map<String, Integer> idOf = new HashMap<>();
        for (int id = 0; id < symbols.size(); id++) {
            idOf.put(symbols.get(id), id);
        }
        List<String> merges = new ArrayList<>();
        while (symbols.size() < vocabSize) {
            long pair = words.mostFrequentPair();
            if (pair < 0) {
                break;
            }
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            String joined = symbols.get(left) + symbols.get(right);
            // Two merges can spell the same token ("a"+"bc", "ab"+"c"): it keeps one id.
            Integer merged = idOf.get(joined);
            if (merged == null) {
                merged = symbols.size();
                symbols.add(joined);
                idOf.put(joined, merged);
            }
            merges.add(symbols.get(left) + " " + symbols.get(right));
            words.merge(left, right, merged);
        }
        return new Trained(tokenizerJson(symbols, merges), symbols.size());
    }

    /** GPT-2's byte-to-character table: printable bytes stand for themselves, the rest for 256 and up. */
    private static char[] byteChars() {
        char[] chars = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            chars[b] = printable ? (char) b : (char) next++;
        }
        return chars;
    }

    private static String tokenizerJson(List<String> symbols, List<String> merges) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ObjectNode special = root.putArray("added_tokens").addObject();
        special.put("id", 0).put("content", END_OF_TEXT).put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(json, false));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(json, true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout").putNull("unk_token").putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix").put("fuse_unk", false).put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < symbols.size(); id++) {
            vocab.put(symbols.get(id), id);
        }
        ArrayNode mergeList = model.putArray("merges");
        merges.forEach(mergeList::add);
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static ObjectNode byteLevel(ObjectMapper json, boolean prefixSpace) {
        return json.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", prefixSpace)
                .put("trim_offsets", true).put("use_regex", true);
    }

    /** Distinct pieces as symbol sequences with their counts, and the pair counts merging needs. */
    private static final class Words {

        private final List<int[]> symbols = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();
        private final Map<Long, Long> pairCounts = new HashMap<>();
        private final Map<Long, Set<Integer>> pairWords = new HashMap<>();
        /** Entries may be stale; checked against {@link #pairCounts} when polled. */
        private final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0]
                ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));

        Words(Map<String, Integer> pieceCounts) {
            // Sorted, so training is deterministic whatever the map's order.
            Map<String, Integer> sorted = new LinkedHashMap<>();
            pieceCounts.keySet().stream().sorted().forEach(piece -> sorted.put(piece, pieceCounts.get(piece)));
            for (Map.Entry<String, Integer> piece : sorted.entrySet()) {
                byte[] bytes = piece.getKey().getBytes(StandardCharsets.UTF_8);
                int[] ids = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    ids[i] = 1 + (bytes[i] & 0xff);
                }
                symbols.add(ids);
                counts.add(piece.getValue());
                addPairs(symbols.size() - 1, 1);
            }
            pairCounts.forEach((pair, count) -> queue.add(new long[] {count, pair}));
        }

        /** The most frequent pair (ties: lowest ids), or -1 when no pair is left. */
        long mostFrequentPair() {
            while (!queue.isEmpty()) {
                long[] top = queue.poll();
                Long current = pairCounts.get(top[1]);
                if (current != null && current == top[0] && current > 0) {
                    return top[1];
                }
            }
            return -1;
        }

        void merge(int left, int right, int merged) {
            long pair = key(left, right);
            Set<Integer> affected = pairWords.remove(pair);
            Set<Long> changed = new HashSet<>();
            for (int word : affected) {
                changed.addAll(addPairs(word, -1));
                int[] old = symbols.get(word);
                int[] next = new int[old.length];
                int length = 0;
                for (int i = 0; i < old.length; i++) {
                    if (i + 1 < old.length && old[i] == left && old[i + 1] == right) {
                        next[length++] = merged;
                        i++;
                    } else {
                        next[length++] = old[i];
                    }
                }
                symbols.set(word, Arrays.copyOf(next, length));
                changed.addAll(addPairs(word, 1));
            }
            for (long p : changed) {
                Long count = pairCounts.get(p);
                if (count != null && count > 0) {
                    queue.add(new long[] {count, p});
                }
            }
        }

        /** Adds (sign 1) or removes (sign -1) the word's pairs; returns the pairs touched. */
        private List<Long> addPairs(int word, int sign) {
            int[] s = symbols.get(word);
            long weight = (long) sign * counts.get(word);
            List<Long> touched = new ArrayList<>();
            for (int i = 0; i + 1 < s.length; i++) {
                long pair = key(s[i], s[i + 1]);
                long count = pairCounts.merge(pair, weight, Long::sum);
                if (count <= 0) {
                    pairCounts.remove(pair);
                }
                if (sign > 0) {
                    pairWords.computeIfAbsent(pair, p -> new HashSet<>()).add(word);
                }
                touched.add(pair);
            }
            return touched;
        }

        private static long key(int left, int right) {
            return ((long) left << 32) | (right & 0xffffffffL);
        }
    }
}
