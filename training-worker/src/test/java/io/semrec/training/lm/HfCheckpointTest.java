package io.semrec.training.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semrec.artifact.TensorDType;
import io.semrec.training.support.RecordedProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face folders of tiny GPT-2 and Llama-family models, checked against {@link ReferenceLm}. */
class HfCheckpointTest {

    private static final double TOLERANCE = 1e-4;
    private static final int HIDDEN = 16;
    private static final int LAYERS = 2;
    private static final int POSITIONS = 12;
    /** Two sequences, the second shorter: its padding must not change its logits. */
    private static final long[][] IDS = {{0, 2, 5, 6, 9, 3, 12}, {0, 7, 4, 15, 8}};

    @Test
    void gpt2WithPrefixedNamesInOneF32File(@TempDir Path dir) throws IOException {
        TinyCheckpoints checkpoint = gpt2Weights(11);
        checkpoint.write(dir, gpt2Config(), TensorDType.F32, 1, "transformer.");
        try (DecoderLm lm = HfCheckpoint.load(dir, "hf:gpt2-tiny", Device.cpu())) {
            assertMatchesReference(lm, ids -> ReferenceLm.gpt2(checkpoint.weights(), LAYERS, 4, ids));
            // Tied head: the only (V,H) table is the token embedding.
            assertFalse(lm.network().checkpointSlots().containsKey("lm_head.weight"));
            assertEquals(0, lm.tokenizer().eosId());
            assertArrayEquals(new long[] {2, 5, 1}, lm.tokenizer().encode("red pen sofa", 8));
        }
    }

    @Test
    void gpt2ShardedInBf16WithoutPrefix(@TempDir Path dir) throws IOException {
        TinyCheckpoints checkpoint = gpt2Weights(12);
        checkpoint.write(dir, gpt2Config(), TensorDType.BF16, 3, "");
        assertTrue(Files.exists(dir.resolve("model-00003-of-00003.safetensors")));
        try (DecoderLm lm = HfCheckpoint.load(dir, "hf:gpt2-bf16", Device.cpu())) {
            assertMatchesReference(lm, ids -> ReferenceLm.gpt2(checkpoint.weights(), LAYERS, 4, ids));
        }
    }

    @Test
    void llamaWithGroupedQueryAttentionAndItsOwnHeadInF16Shards(@TempDir Path dir) throws IOException {
        LlamaConfig config = new LlamaConfig(TinyCheckpoints.VOCAB, HIDDEN, LAYERS, 4, 2, 4, 24, 1e-6f, 10000,
                POSITIONS, false, false, false, false);
        TinyCheckpoints checkpoint = llamaWeights(config, 13);
        checkpoint.write(dir, llamaJson("llama", config), TensorDType.F16, 2, "");
        try (DecoderLm lm = HfCheckpoint.load(dir, "hf:llama-tiny", Device.cpu())) {
            assertMatchesReference(lm, ids -> ReferenceLm.llama(checkpoint.weights(), config, ids));
            assertTrue(lm.network().checkpointSlots().containsKey("lm_head.weight"));
        }
    }

    @Test
    void qwen2WithQkvBiasesTiedEmbeddingsAndRopeThetaInBf16(@TempDir Path dir) throws IOException {
        LlamaConfig config = new LlamaConfig(TinyCheckpoints.VOCAB, HIDDEN, LAYERS, 4, 1, 4, 24, 1e-6f, 1e6,
                POSITIONS, true, false, false, true);
        TinyCheckpoints checkpoint = llamaWeights(config, 14);
        checkpoint.write(dir, llamaJson("qwen2", config), TensorDType.BF16, 1, "");
        try (DecoderLm lm = HfCheckpoint.load(dir, "hf:qwen2-tiny", Device.cpu())) {
            assertMatchesReference(lm, ids -> ReferenceLm.llama(checkpoint.weights(), config, ids));
            assertSame(lm.network().tokenEmbeddings(),
                    lm.network().checkpointSlots().get("model.embed_tokens.weight").parameter());
            assertFalse(lm.network().checkpointSlots().containsKey("lm_head.weight"));
            assertTrue(lm.network().checkpointSlots().containsKey("model.layers.1.self_attn.k_proj.bias"));
            assertFalse(lm.network().checkpointSlots().containsKey("model.layers.1.self_attn.o_proj.bias"));
        }
    }

    @Test
    void loadsByIdThroughLanguageModelsAndRejectsWhatDoesNotFit(@TempDir Path artifacts) throws IOException {
        TinyCheckpoints checkpoint = gpt2Weights(15);
        checkpoint.write(artifacts.resolve("checkpoints/gpt2-tiny"), gpt2Config(), TensorDType.F32, 1, "");
        LmOptions options = LmOptions.DEFAULTS.withSource(LmSource.PRETRAINED, Optional.of("gpt2-tiny"));
        RecordedProgress progress = new RecordedProgress();
        try (CausalLm lm = LanguageModels.load(options, artifacts, List.of(), Device.cpu(), progress)) {
            assertEquals("hf:gpt2-tiny", lm.id());
            assertEquals(HIDDEN, lm.embeddingWidth());
        }
        assertTrue(progress.phases.isEmpty());

        ObjectNode wider = gpt2Config().put("n_embd", 32);
        checkpoint.write(artifacts.resolve("checkpoints/wrong-width"), wider, TensorDType.F32, 1, "");
        assertThrows(IllegalArgumentException.class, () -> LanguageModels.load(
                options.withSource(LmSource.PRETRAINED, Optional.of("wrong-width")), artifacts, List.of(),
                Device.cpu(), progress));
        ObjectNode bert = gpt2Config().put("model_type", "bert");
        checkpoint.write(artifacts.resolve("checkpoints/bert"), bert, TensorDType.F32, 1, "");
        assertThrows(IllegalArgumentException.class, () -> LanguageModels.load(
                options.withSource(LmSource.PRETRAINED, Optional.of("bert")), artifacts, List.of(), Device.cpu(),
                progress));
        assertThrows(IllegalArgumentException.class, () -> LanguageModels.load(
                options.withSource(LmSource.PRETRAINED, Optional.of("absent")), artifacts, List.of(), Device.cpu(),
                progress));
    }

    /** Batched logits from ids and from their embeddings both match the reference at every real position. */
    private static void assertMatchesReference(DecoderLm lm, java.util.function.Function<long[], double[][]> reference) {
        int length = IDS[0].length;
        long[] flat = new long[2 * length];
        long[] mask = new long[2 * length];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < IDS[b].length; t++) {
                flat[b * length + t] = IDS[b][t];
                mask[b * length + t] = 1;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(flat, new Shape(2, length));
            NDArray padding = manager.create(mask, new Shape(2, length));
            float[] fromIds = lm.forwardIds(ids, padding, false).toFloatArray();
            float[] fromEmbeddings = lm.forward(lm.embed(ids), padding, false).toFloatArray();
            assertArrayEquals(fromIds, fromEmbeddings, 1e-6f);
            int vocab = lm.vocabSize();
            for (int b = 0; b < 2; b++) {
                double[][] expected = reference.apply(IDS[b]);
                for (int t = 0; t < IDS[b].length; t++) {
                    for (int v = 0; v < vocab; v++) {
                        assertEquals(expected[t][v], fromIds[(b * length + t) * vocab + v], TOLERANCE,
                                "sequence " + b + " position " + t + " token " + v);
                    }
                }
            }
        }
    }

    private static TinyCheckpoints gpt2Weights(long seed) {
        TinyCheckpoints c = new TinyCheckpoints(seed)
                .add("wte.weight", false, TinyCheckpoints.VOCAB, HIDDEN)
                .add("wpe.weight", false, POSITIONS, HIDDEN);
        for (int l = 0; l < LAYERS; l++) {
            String p = "h." + l + ".";
            c.add(p + "ln_1.weight", true, HIDDEN).add(p + "ln_1.bias", false, HIDDEN)
                    .add(p + "attn.c_attn.weight", false, HIDDEN, 3 * HIDDEN).add(p + "attn.c_attn.bias", false, 3 * HIDDEN)
                    .add(p + "attn.c_proj.weight", false, HIDDEN, HIDDEN).add(p + "attn.c_proj.bias", false, HIDDEN)
                    .add(p + "ln_2.weight", true, HIDDEN).add(p + "ln_2.bias", false, HIDDEN)
                    .add(p + "mlp.c_fc.weight", false, HIDDEN, 4 * HIDDEN).add(p + "mlp.c_fc.bias", false, 4 * HIDDEN)
                    .add(p + "mlp.c_proj.weight", false, 4 * HIDDEN, HIDDEN).add(p + "mlp.c_proj.bias", false, HIDDEN);
        }
        return c.add("ln_f.weight", true, HIDDEN).add("ln_f.bias", false, HIDDEN);
    }

    private static ObjectNode gpt2Config() {
        return new ObjectMapper().createObjectNode().put("model_type", "gpt2").put("vocab_size", TinyCheckpoints.VOCAB)
                .put("n_positions", POSITIONS).put("n_embd", HIDDEN).put("n_layer", LAYERS).put("n_head", 4)
                .putNull("n_inner").put("activation_function", "gelu_new").put("layer_norm_epsilon", 1e-5)
                .put("bos_token_id", 0).put("eos_token_id", 0);
    }

    private static TinyCheckpoints llamaWeights(LlamaConfig config, long seed) {
        int q = config.heads() * config.headSize();
        int kv = config.kvHeads() * config.headSize();
        TinyCheckpoints c = new TinyCheckpoints(seed).add("model.embed_tokens.weight", false, config.vocabSize(), HIDDEN);
        for (int l = 0; l < config.layers(); l++) {
            String p = "model.layers." + l + ".";
            c.add(p + "input_layernorm.weight", true, HIDDEN)
                    .add(p + "self_attn.q_proj.weight", false, q, HIDDEN)
                    .add(p + "self_attn.k_proj.weight", false, kv, HIDDEN)
                    .add(p + "self_attn.v_proj.weight", false, kv, HIDDEN)
                    .add(p + "self_attn.o_proj.weight", false, HIDDEN, q)
                    .add(p + "post_attention_layernorm.weight", true, HIDDEN)
                    .add(p + "mlp.gate_proj.weight", false, config.intermediate(), HIDDEN)
                    .add(p + "mlp.up_proj.weight", false, config.intermediate(), HIDDEN)
                    .add(p + "mlp.down_proj.weight", false, HIDDEN, config.intermediate());
            if (config.qkvBias()) {
                c.add(p + "self_attn.q_proj.bias", false, q).add(p + "self_attn.k_proj.bias", false, kv)
                        .add(p + "self_attn.v_proj.bias", false, kv);
            }
        }
        c.add("model.norm.weight", true, HIDDEN);
        if (!config.tiedEmbeddings()) {
            c.add("lm_head.weight", false, config.vocabSize(), HIDDEN);
        }
        return c;
    }

    private static ObjectNode llamaJson(String type, LlamaConfig config) {
        ObjectNode json = new ObjectMapper().createObjectNode().put("model_type", type)
                .put("vocab_size", config.vocabSize()).put("hidden_size", HIDDEN)
                .put("num_hidden_layers", config.layers()).put("num_attention_heads", config.heads())
                .put("num_key_value_heads", config.kvHeads()).put("intermediate_size", config.intermediate())
                .put("rms_norm_eps", config.rmsNormEps()).put("rope_theta", config.ropeTheta())
                .put("max_position_embeddings", POSITIONS).put("tie_word_embeddings", config.tiedEmbeddings())
                .put("hidden_act", "silu").put("eos_token_id", 0).putNull("rope_scaling");
        return json;
    }
}
