package io.semrec.training.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.artifact.SafeTensorsFile;
import io.semrec.artifact.Tensor;
import io.semrec.training.text.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a Hugging Face-style folder: {@code model.safetensors}, or the shards listed by
 * {@code model.safetensors.index.json}. Tensors are read from disk one at a time and F16/BF16 are
 * widened to float32 in Java (the native layer cannot take BF16).
 */
public final class SafeTensorsWeights implements WeightSource, AutoCloseable {

    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final List<SafeTensorsFile> files;
    private final Map<String, SafeTensorsFile> fileByName;

    private SafeTensorsWeights(List<SafeTensorsFile> files, Map<String, SafeTensorsFile> fileByName) {
        this.files = files;
        this.fileByName = fileByName;
    }

    /** Opens the folder's single file, or else every shard its index names (shard names must stay inside the folder). */
    public static SafeTensorsWeights open(Path folder) {
        List<SafeTensorsFile> opened = new ArrayList<>();
        try {
            Map<String, SafeTensorsFile> byName = new LinkedHashMap<>();
            if (Files.isRegularFile(folder.resolve(SINGLE_FILE))) {
                SafeTensorsFile file = SafeTensorsFile.open(folder.resolve(SINGLE_FILE));
                opened.add(file);
                file.names().forEach(name -> byName.put(name, file));
            } else if (Files.isRegularFile(folder.resolve(INDEX_FILE))) {
                Map<String, SafeTensorsFile> shards = new LinkedHashMap<>();
                JsonNode weightMap = new ObjectMapper().readTree(folder.resolve(INDEX_FILE).toFile()).path("weight_map");
                for (var fields = weightMap.fields(); fields.hasNext(); ) {
                    var field = fields.next();
                    String shard = field.getValue().asText();
                    if (shard.contains("/") || shard.contains("\\") || shard.startsWith(".")) {
                        throw new IllegalArgumentException("shard name " + shard + " must be a plain file name");
                    }
                    SafeTensorsFile file = shards.get(shard);
                    if (file == null) {
                        file = SafeTensorsFile.open(folder.resolve(shard));
                        opened.add(file);
                        shards.put(shard, file);
                    }
                    if (!file.names().contains(field.getKey())) {
                        throw new IllegalArgumentException(shard + " lacks " + field.getKey() + " that the index puts there");
                    }
                    byName.put(field.getKey(), file);
                }
            } else {
                throw new IllegalArgumentException(folder + " has neither " + SINGLE_FILE + " nor " + INDEX_FILE);
            }
            return new SafeTensorsWeights(opened, byName);
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException("cannot read weights in " + folder, e);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(fileByName.keySet());
    }

    @Override
    public FloatTensor read(String name) {
        try {
            Tensor tensor = fileByName.get(name).read(name);
            return new FloatTensor(tensor.shape(), tensor.toFloats());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tensor " + name, e);
        }
    }

    @Override
    public void close() {
        closeAll(files);
    }

    private static void closeAll(List<SafeTensorsFile> files) {
        for (SafeTensorsFile file : files) {
            try {
                file.close();
            } catch (IOException e) {
                // Read-only channel: nothing was written that closing could lose.
            }
        }
    }
}
