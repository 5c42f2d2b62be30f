package io.semrec.training.lm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A Llama-family model's shape (Llama, Mistral, Qwen2), in the terms of its Hugging Face
 * {@code config.json}.
 *
 * @param kvHeads {@code num_key_value_heads}: fewer than {@code heads} for grouped-query attention
 * @param qkvBias q/k/v projections have biases (always in Qwen2; {@code attention_bias} in Llama)
 * @param outputBias o_proj has a bias ({@code attention_bias} in Llama, never in Qwen2)
 * @param tiedEmbeddings the LM head is the token embedding table ({@code tie_word_embeddings})
 */
public record LlamaConfig(int vocabSize, int hidden, int layers, int heads, int kvHeads, int headSize,
        int intermediate, float rmsNormEps, double ropeTheta, int maxPositions, boolean qkvBias, boolean outputBias,
        boolean mlpBias, boolean tiedEmbeddings) {

    static final Set<String> MODEL_TYPES = Set.of("llama", "mistral", "qwen2");

    public LlamaConfig {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " heads cannot share " + kvHeads + " key/value heads evenly");
        }
        if (headSize % 2 != 0) {
            throw new IllegalArgumentException("rotary embeddings need an even head size, got " + headSize);
        }
    }

    static LlamaConfig fromJson(JsonNode config) {
        String type = config.path("model_type").asText();
        JsonNode scaling = config.path("rope_scaling");
        if (!scaling.isMissingNode() && !scaling.isNull()) {
            throw new IllegalArgumentException("rope_scaling " + scaling + " is not supported");
        }
        int hidden = HfConfigs.requireInt(config, "hidden_size");
        int heads = HfConfigs.requireInt(config, "num_attention_heads");
        boolean qwen2 = type.equals("qwen2");
        boolean attentionBias = config.path("attention_bias").asBoolean(false);
        return new LlamaConfig(HfConfigs.requireInt(config, "vocab_size"), hidden,
                HfConfigs.requireInt(config, "num_hidden_layers"), heads,
                config.path("num_key_value_heads").isNumber() ? config.get("num_key_value_heads").asInt() : heads,
                config.path("head_dim").isNumber() ? config.get("head_dim").asInt() : hidden / heads,
                HfConfigs.requireInt(config, "intermediate_size"), (float) config.path("rms_norm_eps").asDouble(1e-6),
                config.path("rope_theta").asDouble(10000), HfConfigs.requireInt(config, "max_position_embeddings"),
                qwen2 || attentionBias, !qwen2 && attentionBias, config.path("mlp_bias").asBoolean(false),
                config.path("tie_word_embeddings").asBoolean(false));
    }
}
