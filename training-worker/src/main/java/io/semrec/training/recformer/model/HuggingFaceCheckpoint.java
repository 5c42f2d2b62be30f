package io.semrec.training.recformer.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.text.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Hugging Face Longformer or RoBERTa checkpoint folder inside the artifact folder, named by id:
 * {@code config.json} ({@code model_type} {@code longformer} or {@code roberta}), {@code tokenizer.json},
 * and {@code model.safetensors} or shards listed in {@code model.safetensors.index.json}. Tensor
 * names may carry the model prefix ({@code longformer.}, {@code roberta.}, as saved by the
 * masked-LM classes) or not (base models); F16/BF16 are widened to F32.
 */
public record HuggingFaceCheckpoint(Path folder, String modelType, RecformerArchitecture architecture,
        float dropout, float initializerRange) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An id is one folder name: letters, digits, dot, dash, underscore; never a path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String SINGLE_FILE = "model.safetensors";
    private static final String SHARD_INDEX = "model.safetensors.index.json";

    /**
     * @param artifactFolder the configured folder holding checkpoint folders
     * @param id the checkpoint's folder name
     * @param itemPositions rows of the item-position table Recformer adds
     * @param window {@code attention_window} for a RoBERTa checkpoint; a Longformer's comes from its config
     * @throws IllegalArgumentException if the id is not a plain folder name
     * @throws IOException if the folder is missing or is not a Longformer/RoBERTa checkpoint
     */
    public static HuggingFaceCheckpoint open(Path artifactFolder, String id, int itemPositions, int window)
            throws IOException {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("checkpoint id must be a plain folder name, got " + id);
        }
        Path folder = artifactFolder.resolve(id);
        Path configFile = folder.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IOException("no Hugging Face checkpoint " + id + " in " + artifactFolder + " (config.json missing)");
        }
        JsonNode config = JSON.readTree(configFile.toFile());
        String type = config.path("model_type").asText();
        if (!type.equals("longformer") && !type.equals("roberta")) {
            throw new IOException("checkpoint " + id + " is a " + type + ", expected longformer or roberta");
        }
        int offset = config.path("pad_token_id").asInt(1) + 1;
        int attentionWindow = type.equals("longformer") ? longformerWindow(config.path("attention_window")) : window;
        RecformerArchitecture architecture = new RecformerArchitecture(
                required(config, "vocab_size"), required(config, "hidden_size"),
                required(config, "num_hidden_layers"), required(config, "num_attention_heads"),
                required(config, "intermediate_size"), required(config, "max_position_embeddings") - offset, offset,
                itemPositions, RecformerArchitecture.TOKEN_TYPES, attentionWindow,
                (float) config.path("layer_norm_eps").asDouble(1e-5));
        return new HuggingFaceCheckpoint(folder, type, architecture,
                (float) config.path("hidden_dropout_prob").asDouble(0.1),
                (float) config.path("initializer_range").asDouble(0.02));
    }

    public RecformerConfig config() {
        return new RecformerConfig(architecture, dropout, initializerRange);
    }

    public Path tokenizerFile() {
        return folder.resolve("tokenizer.json");
    }

    /** Every floating-point tensor, the model prefix removed. */
    public Map<String, FloatTensor> weights() throws IOException {
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        String prefix = modelType + ".";
        for (Path file : weightFiles()) {
            SafeTensors.read(file).tensors().forEach((name, tensor) -> {
                if (tensor.dtype().isFloating()) {
                    String plain = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
                    weights.put(plain, new FloatTensor(tensor.shape(), tensor.toFloats()));
                }
            });
        }
        return weights;
    }

    /** The encoder warm-started from this checkpoint ({@link RecformerCheckpoints#warmStart}). */
    public RecformerEncoder load(NDManager manager) throws IOException {
        return RecformerCheckpoints.warmStart(config(), weights(), manager);
    }

    private Iterable<Path> weightFiles() throws IOException {
        Path single = folder.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return List.of(single);
        }
        Path index = folder.resolve(SHARD_INDEX);
        if (!Files.isRegularFile(index)) {
            throw new IOException("checkpoint " + folder + " has neither " + SINGLE_FILE + " nor " + SHARD_INDEX);
        }
        TreeSet<String> shards = new TreeSet<>();
        for (Iterator<JsonNode> it = JSON.readTree(index.toFile()).path("weight_map").elements(); it.hasNext(); ) {
            String shard = it.next().asText();
            if (!ID.matcher(shard).matches()) {
                throw new IOException("shard name " + shard + " in " + index + " is not a plain file name");
            }
            shards.add(shard);
        }
        return shards.stream().map(folder::resolve).toList();
    }

    /** Longformer's window: one even number, or one per layer (all equal here). */
    private static int longformerWindow(JsonNode node) throws IOException {
        if (node.isInt()) {
            return node.asInt();
        }
        TreeSet<Integer> windows = new TreeSet<>();
        node.elements().forEachRemaining(n -> windows.add(n.asInt()));
        if (windows.size() != 1) {
            throw new IOException("attention_window must be one value for all layers, got " + node);
        }
        return windows.first();
    }

    private static int required(JsonNode config, String field) throws IOException {
        JsonNode value = config.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IOException("config.json lacks " + field);
        }
        return value.asInt();
    }
}
