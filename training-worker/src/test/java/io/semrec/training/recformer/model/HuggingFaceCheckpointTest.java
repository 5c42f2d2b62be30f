package io.semrec.training.recformer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.text.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tiny Longformer and RoBERTa checkpoints written here in Hugging Face's exact folder layout and
 * tensor names, loaded, and run against {@link NaiveRecformer} on the raw tensors.
 */
class HuggingFaceCheckpointTest {

    private static final int VOCAB = 30;
    private static final int HIDDEN = 8;
    private static final int LAYERS = 2;
    private static final int HEADS = 2;
    private static final int INTERMEDIATE = 16;
    private static final int MAX_POSITIONS = 22;
    private static final int PAD_TOKEN_ID = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path artifacts;
    /** A fresh manager for each test, closed after it. */
    @AutoClose
    private final NDManager manager = NDManager.newBaseManager();

    @Test
    void longformerCheckpointWithGlobalProjectionsAndMlmHeadRunsLikeTheNaiveModel() throws IOException {
        Map<String, FloatTensor> raw = rawWeights(new SplittableRandom(11), true);
        Map<String, FloatTensor> saved = prefixed("longformer.", raw);
        saved.putAll(mlmHead(new SplittableRandom(12)));
        writeCheckpoint("tiny-longformer", "longformer", saved, false);

        HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(artifacts, "tiny-longformer", 6, 64);
        assertEquals(4, checkpoint.architecture().attentionWindow(), "a Longformer's window comes from its config");
        assertEquals(2, checkpoint.architecture().positionOffset());
        assertEquals(MAX_POSITIONS - 2, checkpoint.architecture().maxTokenPositions());
        assertEquals(artifacts.resolve("tiny-longformer").resolve("tokenizer.json"), checkpoint.tokenizerFile());
        RecformerEncoder encoder = checkpoint.load(manager);
        assertEquals(saved.get("lm_head.bias").values()[3],
                encoder.weights().get("lm_head.bias").values()[3], "MLM head taken from the checkpoint");
        assertMatchesNaive(encoder, expected(raw, false), checkpoint.architecture());
    }

    @Test
    void shardedRobertaCheckpointGetsGlobalProjectionsFromTheLocalOnes() throws IOException {
        Map<String, FloatTensor> raw = rawWeights(new SplittableRandom(21), false);
        writeCheckpoint("tiny-roberta", "roberta", prefixed("roberta.", raw), true);

        HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(artifacts, "tiny-roberta", 6, 4);
        assertEquals(4, checkpoint.architecture().attentionWindow());
        assertMatchesNaive(checkpoint.load(manager), expected(raw, true), checkpoint.architecture());
    }

    @Test
    void rejectsIdsThatAreNotPlainFolderNames() {
        for (String id : new String[] {"../tiny", "a/b", "a\\b", "..", "", "/etc"}) {
            assertThrows(IllegalArgumentException.class, () -> HuggingFaceCheckpoint.open(artifacts, id, 6, 4), id);
        }
    }

    @Test
    void rejectsMissingFoldersAndOtherModelTypes() throws IOException {
        assertThrows(IOException.class, () -> HuggingFaceCheckpoint.open(artifacts, "absent", 6, 4));
        writeCheckpoint("a-bert", "bert", prefixed("bert.", rawWeights(new SplittableRandom(3), false)), false);
        IOException wrongType = assertThrows(IOException.class,
                () -> HuggingFaceCheckpoint.open(artifacts, "a-bert", 6, 4));
        assertTrue(wrongType.getMessage().contains("bert"));
    }

    private void assertMatchesNaive(RecformerEncoder encoder, Map<String, FloatTensor> expected,
            RecformerArchitecture architecture) {
        RecformerConfig config = encoder.config();
        RecformerInput.Sequence sequence = RecformerFixtures.sequence(new SplittableRandom(5), config, 5, 3);
        double[][] naive = new NaiveRecformer(expected, architecture)
                .forward(sequence.tokenIds(), sequence.tokenTypes(), sequence.itemPositions());
        try (NDManager batch = manager.newSubManager()) {
            NDList out = encoder.forward(new ParameterStore(batch, false),
                    RecformerInput.of(List.of(sequence)).toNDList(batch), false);
            float[] hidden = out.get(0).toFloatArray();
            for (int t = 0; t < naive.length; t++) {
                for (int k = 0; k < HIDDEN; k++) {
                    assertTrue(Double.isFinite(naive[t][k]));
                    assertEquals(naive[t][k], hidden[t * HIDDEN + k], 1e-5, "token " + t + " feature " + k);
                }
            }
        }
    }

    /**
     * What the loaded model should hold, derived independently: four token-type rows equal to the
     * checkpoint's only row, a zero item-position table, and (RoBERTa) global projections equal to local ones.
     */
    private static Map<String, FloatTensor> expected(Map<String, FloatTensor> raw, boolean copyGlobals) {
        Map<String, FloatTensor> expected = new LinkedHashMap<>(raw);
        float[] typeRow = raw.get("embeddings.token_type_embeddings.weight").values();
        float[] types = new float[4 * HIDDEN];
        for (int row = 0; row < 4; row++) {
            System.arraycopy(typeRow, 0, types, row * HIDDEN, HIDDEN);
        }
        expected.put("embeddings.token_type_embeddings.weight", new FloatTensor(new long[] {4, HIDDEN}, types));
        expected.put("embeddings.item_position_embeddings.weight",
                new FloatTensor(new long[] {6, HIDDEN}, new float[6 * HIDDEN]));
        if (copyGlobals) {
            for (int layer = 0; layer < LAYERS; layer++) {
                for (String p : new String[] {"query", "key", "value"}) {
                    for (String part : new String[] {".weight", ".bias"}) {
                        String prefix = "encoder.layer." + layer + ".attention.self.";
                        expected.put(prefix + p + "_global" + part, raw.get(prefix + p + part));
                    }
                }
            }
        }
        return expected;
    }

    /** Base-model tensors in Hugging Face names (no prefix): one token type, offset positions. */
    private static Map<String, FloatTensor> rawWeights(SplittableRandom random, boolean globalProjections) {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        w.put("embeddings.word_embeddings.weight", tensor(random, 0.5, VOCAB, HIDDEN));
        w.put("embeddings.position_embeddings.weight", tensor(random, 0.5, MAX_POSITIONS, HIDDEN));
        w.put("embeddings.token_type_embeddings.weight", tensor(random, 0.5, 1, HIDDEN));
        norm(random, w, "embeddings.LayerNorm");
        for (int layer = 0; layer < LAYERS; layer++) {
            String p = "encoder.layer." + layer + ".";
            List<String> projections = globalProjections
                    ? List.of("query", "key", "value", "query_global", "key_global", "value_global")
                    : List.of("query", "key", "value");
            for (String projection : projections) {
                dense(random, w, p + "attention.self." + projection, HIDDEN, HIDDEN);
            }
            dense(random, w, p + "attention.output.dense", HIDDEN, HIDDEN);
            norm(random, w, p + "attention.output.LayerNorm");
            dense(random, w, p + "intermediate.dense", INTERMEDIATE, HIDDEN);
            dense(random, w, p + "output.dense", HIDDEN, INTERMEDIATE);
            norm(random, w, p + "output.LayerNorm");
        }
        return w;
    }

    private static Map<String, FloatTensor> mlmHead(SplittableRandom random) {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        dense(random, w, "lm_head.dense", HIDDEN, HIDDEN);
        norm(random, w, "lm_head.layer_norm");
        w.put("lm_head.decoder.weight", tensor(random, 0.5, VOCAB, HIDDEN));
        w.put("lm_head.decoder.bias", tensor(random, 0.1, VOCAB));
        w.put("lm_head.bias", w.get("lm_head.decoder.bias"));
        return w;
    }

    private void writeCheckpoint(String id, String modelType, Map<String, FloatTensor> weights, boolean sharded)
            throws IOException {
        Path folder = Files.createDirectories(artifacts.resolve(id));
        ObjectNode config = JSON.createObjectNode();
        config.put("model_type", modelType);
        config.put("vocab_size", VOCAB);
        config.put("hidden_size", HIDDEN);
        config.put("num_hidden_layers", LAYERS);
        config.put("num_attention_heads", HEADS);
        config.put("intermediate_size", INTERMEDIATE);
        config.put("max_position_embeddings", MAX_POSITIONS);
        config.put("type_vocab_size", 1);
        config.put("pad_token_id", PAD_TOKEN_ID);
        config.put("layer_norm_eps", 1e-5);
        config.put("hidden_dropout_prob", 0.1);
        if (modelType.equals("longformer")) {
            config.putArray("attention_window").add(4).add(4);
        }
        JSON.writeValue(folder.resolve("config.json").toFile(), config);
        Files.writeString(folder.resolve("tokenizer.json"), "{}");
        if (!sharded) {
            safeTensors(weights).write(folder.resolve("model.safetensors"));
            return;
        }
        Map<String, FloatTensor> first = new LinkedHashMap<>();
        Map<String, FloatTensor> second = new LinkedHashMap<>();
        ObjectNode index = JSON.createObjectNode();
        ObjectNode weightMap = index.putObject("weight_map");
        int i = 0;
        for (Map.Entry<String, FloatTensor> entry : weights.entrySet()) {
            boolean inFirst = i++ % 2 == 0;
            (inFirst ? first : second).put(entry.getKey(), entry.getValue());
            weightMap.put(entry.getKey(), inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
        }
        safeTensors(first).write(folder.resolve("model-00001-of-00002.safetensors"));
        safeTensors(second).write(folder.resolve("model-00002-of-00002.safetensors"));
        JSON.writeValue(folder.resolve("model.safetensors.index.json").toFile(), index);
    }

    private static SafeTensors safeTensors(Map<String, FloatTensor> weights) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        weights.forEach((name, t) -> tensors.put(name, Tensor.f32(t.shape(), t.values())));
        return new SafeTensors(tensors, Map.of("format", "pt"));
    }

    private static Map<String, FloatTensor> prefixed(String prefix, Map<String, FloatTensor> weights) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        weights.forEach((name, t) -> out.put(prefix + name, t));
        return out;
    }

    private static void dense(SplittableRandom random, Map<String, FloatTensor> w, String name, int out, int in) {
        w.put(name + ".weight", tensor(random, 1 / Math.sqrt(in), out, in));
        w.put(name + ".bias", tensor(random, 0.1, out));
    }

    private static void norm(SplittableRandom random, Map<String, FloatTensor> w, String name) {
        FloatTensor gain = tensor(random, 0.1, HIDDEN);
        for (int k = 0; k < HIDDEN; k++) {
            gain.values()[k] += 1;
        }
        w.put(name + ".weight", gain);
        w.put(name + ".bias", tensor(random, 0.1, HIDDEN));
    }

    private static FloatTensor tensor(SplittableRandom random, double scale, int... shape) {
        long[] dims = new long[shape.length];
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
            count *= shape[i];
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return new FloatTensor(dims, values);
    }
}
