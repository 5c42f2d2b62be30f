package io.semrec.training.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.artifact.TensorDType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes tiny checkpoints exactly as Hugging Face lays them out: {@code config.json}, a word-level
 * {@code tokenizer.json}, and weights as one {@code model.safetensors} or as shards with
 * {@code model.safetensors.index.json}, in F32, F16 or BF16. Weights are multiples of 1/64 below
 * 0.35 in magnitude, exact in every dtype, so the reference forward uses the very values stored.
 */
final class TinyCheckpoints {

    /** The tokenizer's words, by id: 0 is the end-of-text token, 1 the unknown word. */
    static final List<String> WORDS = List.of("<|endoftext|>", "<unk>", "red", "green", "blue", "pen", "paper",
            "stapler", "desk", "lamp", "office", "chair", "ink", "box", "tape", "clip");
    static final int VOCAB = WORDS.size();

    /** Named weights in checkpoint layout: shape and row-major values. */
    record Weights(Map<String, long[]> shapes, Map<String, float[]> values) {

        float[] get(String name) {
            float[] v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no weight " + name);
            }
            return v;
        }
    }

    private final Random random;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> values = new LinkedHashMap<>();

    TinyCheckpoints(long seed) {
        random = new Random(seed);
    }

    /** A random weight; {@code aroundOne} for norm scales. */
    TinyCheckpoints add(String name, boolean aroundOne, long... shape) {
        int count = 1;
        for (long d : shape) {
            count *= (int) d;
        }
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (random.nextInt(41) - 20) / 64f + (aroundOne ? 1 : 0);
        }
        shapes.put(name, shape);
        values.put(name, v);
        return this;
    }

    Weights weights() {
        return new Weights(shapes, values);
    }

    /**
     * Writes the folder.
     *
     * @param shards 1 for {@code model.safetensors}, more for an index and that many shard files
     * @param prefix put before every tensor name in the files (GPT-2's {@code transformer.})
     */
    void write(Path folder, ObjectNode config, TensorDType dtype, int shards, String prefix) throws IOException {
        Files.createDirectories(folder);
        ObjectMapper json = new ObjectMapper();
        json.writeValue(folder.resolve("config.json").toFile(), config);
        Files.writeString(folder.resolve("tokenizer.json"), tokenizerJson());
        List<String> names = new ArrayList<>(shapes.keySet());
        if (shards == 1) {
            file(names, dtype, prefix).write(folder.resolve("model.safetensors"));
            return;
        }
        ObjectNode index = json.createObjectNode();
        index.putObject("metadata").put("total_size", 0);
        ObjectNode weightMap = index.putObject("weight_map");
        for (int s = 0; s < shards; s++) {
            String shardName = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
            List<String> part = new ArrayList<>();
            for (int i = s; i < names.size(); i += shards) {
                part.add(names.get(i));
                weightMap.put(prefix + names.get(i), shardName);
            }
            file(part, dtype, prefix).write(folder.resolve(shardName));
        }
        json.writeValue(folder.resolve("model.safetensors.index.json").toFile(), index);
    }

    private SafeTensors file(List<String> names, TensorDType dtype, String prefix) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : names) {
            tensors.put(prefix + name, encode(dtype, shapes.get(name), values.get(name)));
        }
        return new SafeTensors(tensors, Map.of("format", "pt"));
    }

    static Tensor encode(TensorDType dtype, long[] shape, float[] v) {
        if (dtype == TensorDType.F32) {
            return Tensor.f32(shape, v);
        }
        ByteBuffer bytes = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bytes.putShort(dtype == TensorDType.BF16 ? (short) (Float.floatToIntBits(x) >>> 16) : toHalf(x));
        }
        return new Tensor(dtype, shape, bytes.array());
    }

    /** float32 to IEEE binary16 for values whose mantissa fits in 10 bits (all weights here). */
    private static short toHalf(float x) {
        int bits = Float.floatToIntBits(x);
        int sign = (bits >>> 16) & 0x8000;
        if ((bits & 0x7fffffff) == 0) {
            return (short) sign;
        }
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        if (exponent <= 0) {
            int subnormal = Math.round(Math.abs(x) * (1 << 24));
            return (short) (sign | subnormal);
        }
        return (short) (sign | (exponent << 10) | (mantissa >>> 13));
    }

    /** A word-level tokenizer over {@link #WORDS}, split on whitespace. */
    static String tokenizerJson() {
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < WORDS.size(); i++) {
            vocab.append(i == 0 ? "" : ",").append('"').append(WORDS.get(i)).append("\":").append(i);
        }
        return """
                {"version":"1.0","truncation":null,"padding":null,
                 "added_tokens":[{"id":0,"content":"<|endoftext|>","single_word":false,"lstrip":false,"rstrip":false,
                   "normalized":false,"special":true}],
                 "normalizer":null,"pre_tokenizer":{"type":"Whitespace"},"post_processor":null,
                 "decoder":null,"model":{"type":"WordLevel","vocab":{%s},"unk_token":"<unk>"}}
                """.formatted(vocab);
    }
}
