package io.semrec.training.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A GPT-2 model's shape, in the terms of its Hugging Face {@code config.json} ({@code n_embd},
 * {@code n_layer}, ...).
 *
 * @param inner the MLP's width ({@code n_inner}, 4 × hidden when absent)
 */
public record Gpt2Config(int vocabSize, int positions, int hidden, int layers, int heads, int inner,
        float layerNormEps, float dropout) {

    public Gpt2Config {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("n_embd " + hidden + " is not a multiple of " + heads + " heads");
        }
    }

    /** The Hugging Face {@code config.json} of this shape, with one token for bos and eos. */
    ObjectNode toJson(long endOfText) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("model_type", "gpt2").put("vocab_size", vocabSize).put("n_positions", positions)
                .put("n_embd", hidden).put("n_layer", layers).put("n_head", heads).put("n_inner", inner)
                .put("activation_function", "gelu_new").put("layer_norm_epsilon", layerNormEps)
                .put("resid_pdrop", dropout).put("bos_token_id", endOfText).put("eos_token_id", endOfText);
        return json;
    }

    static Gpt2Config fromJson(JsonNode config) {
        int hidden = HfConfigs.requireInt(config, "n_embd");
        String activation = config.path("activation_function").asText("gelu_new");
        if (!activation.equals("gelu_new")) {
            throw new IllegalArgumentException("GPT-2 activation " + activation + " is not supported (gelu_new is)");
        }
        return new Gpt2Config(HfConfigs.requireInt(config, "vocab_size"), HfConfigs.requireInt(config, "n_positions"),
                hidden, HfConfigs.requireInt(config, "n_layer"), HfConfigs.requireInt(config, "n_head"),
                config.path("n_inner").isNumber() ? config.get("n_inner").asInt() : 4 * hidden,
                (float) config.path("layer_norm_epsilon").asDouble(1e-5), (float) config.path("resid_pdrop").asDouble(0.1));
    }
}
