package io.semrec.training.lm;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.training.text.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Loads a Hugging Face checkpoint folder ({@code config.json}, {@code tokenizer.json},
 * {@code model.safetensors} or a sharded index) as a {@link CausalLm}: {@code model_type}
 * {@code gpt2} as {@link Gpt2Decoder}; {@code llama}, {@code mistral} and {@code qwen2} as
 * {@link LlamaDecoder}. F16 and BF16 weights are widened to float32, one tensor at a time.
 */
public final class HfCheckpoint {

    public static final String CONFIG_FILE = "config.json";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    private static final String GPT2_PREFIX = "transformer.";

    private HfCheckpoint() {
    }

    public static DecoderLm load(Path folder, String id, Device device) {
        JsonNode config = readConfig(folder);
        String type = config.path("model_type").asText();
        HfLmTokenizer tokenizer = tokenizer(folder, config);
        DecoderLm lm;
        Predicate<String> ignorable;
        if (type.equals("gpt2")) {
            lm = DecoderLm.create(id, new Gpt2Decoder(Gpt2Config.fromJson(config)), tokenizer, device);
            // The head is tied; old checkpoints also carry the causal mask as buffers.
            ignorable = name -> name.equals("lm_head.weight") || name.endsWith(".attn.bias")
                    || name.endsWith(".attn.masked_bias");
        } else if (LlamaConfig.MODEL_TYPES.contains(type)) {
            LlamaConfig llama = LlamaConfig.fromJson(config);
            lm = DecoderLm.create(id, new LlamaDecoder(llama), tokenizer, device);
            ignorable = name -> llama.tiedEmbeddings() && name.equals("lm_head.weight")
                    || name.endsWith("rotary_emb.inv_freq");
        } else {
            throw new IllegalArgumentException("model_type '" + type + "' is not supported (gpt2, "
                    + String.join(", ", LlamaConfig.MODEL_TYPES.stream().sorted().toList()) + " are)");
        }
        try (SafeTensorsWeights weights = SafeTensorsWeights.open(folder)) {
            WeightSource source = type.equals("gpt2") ? withoutPrefix(weights, GPT2_PREFIX) : weights;
            CheckpointLoader.Report report = CheckpointLoader.load(lm.network().checkpointSlots(), source);
            var unexpected = report.unexpected().stream().filter(ignorable.negate()).toList();
            if (!report.missing().isEmpty() || !unexpected.isEmpty()) {
                throw new IllegalArgumentException("checkpoint " + id + " does not fit its config: missing "
                        + report.missing() + ", unexpected " + unexpected);
            }
        } catch (RuntimeException e) {
            lm.close();
            throw e;
        }
        return lm;
    }

    /**
     * The folder's tokenizer with special tokens from {@code config.json}: bos and eos ids, pad id or
     * else eos; bos falls back to eos (Qwen2 has no bos).
     */
    static HfLmTokenizer tokenizer(Path folder, JsonNode config) {
        Long eos = HfConfigs.tokenId(config, "eos_token_id");
        if (eos == null) {
            throw new IllegalArgumentException("config.json names no eos_token_id");
        }
        Long bos = HfConfigs.tokenId(config, "bos_token_id");
        Long pad = HfConfigs.tokenId(config, "pad_token_id");
        return HfLmTokenizer.load(folder.resolve(TOKENIZER_FILE), bos == null ? eos : bos, eos, pad == null ? eos : pad);
    }

    private static JsonNode readConfig(Path folder) {
        Path file = folder.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no checkpoint at " + folder + " (" + CONFIG_FILE + " missing)");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** GPT-2 checkpoints name tensors with or without {@code transformer.}; the model uses the bare names. */
    private static WeightSource withoutPrefix(WeightSource source, String prefix) {
        Map<String, String> original = new LinkedHashMap<>();
        for (String name : source.names()) {
            original.put(name.startsWith(prefix) ? name.substring(prefix.length()) : name, name);
        }
        return new WeightSource() {
            @Override
            public Set<String> names() {
                return original.keySet();
            }

            @Override
            public FloatTensor read(String name) {
                return source.read(original.get(name));
            }
        };
    }
}
