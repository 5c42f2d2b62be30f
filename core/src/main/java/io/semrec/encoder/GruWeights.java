package io.semrec.encoder;

import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.encoder.SasrecWeights.Dense;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained GRU sequence encoder (one layer, PyTorch's gate layout) without its item table: it reads
 * the model's published item vectors. Gates are stacked {@code [reset; update; candidate]} along the
 * output axis of both maps, as in {@code torch.nn.GRU}. Stored as a safetensors file
 * ({@link #toSafeTensors()}).
 *
 * @param dim width of item vectors and of the hidden state
 * @param maxHistory the most recent items the encoder reads
 * @param input {@code x W_i^T + b_i}, {@code [3 dim][dim]}
 * @param hidden {@code h W_h^T + b_h}, {@code [3 dim][dim]}
 */
public record GruWeights(int dim, int maxHistory, Dense input, Dense hidden) {

    public static final String FORMAT = "semrec.gru.v1";

    public GruWeights {
        if (dim < 1 || maxHistory < 1) {
            throw new IllegalArgumentException("dim and maxHistory must be positive");
        }
        input.requireShape(3 * dim, dim);
        hidden.requireShape(3 * dim, dim);
    }

    public SafeTensors toSafeTensors() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(SasrecWeights.FORMAT_KEY, FORMAT);
        metadata.put("dim", Integer.toString(dim));
        metadata.put("max_history", Integer.toString(maxHistory));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        input.putInto(tensors, "gru.input");
        hidden.putInto(tensors, "gru.hidden");
        return new SafeTensors(tensors, metadata);
    }

    /** @throws IOException if the file is not a GRU encoder or its tensors do not fit its metadata */
    public static GruWeights fromSafeTensors(SafeTensors file) throws IOException {
        Map<String, String> metadata = file.metadata();
        if (!FORMAT.equals(metadata.get(SasrecWeights.FORMAT_KEY))) {
            throw new IOException("not a GRU encoder: " + SasrecWeights.FORMAT_KEY + " is "
                    + metadata.get(SasrecWeights.FORMAT_KEY));
        }
        try {
            return new GruWeights(Integer.parseInt(metadata.get("dim")), Integer.parseInt(metadata.get("max_history")),
                    Dense.from(file, "gru.input"), Dense.from(file, "gru.hidden"));
        } catch (IllegalArgumentException | NullPointerException | IllegalStateException e) {
            throw new IOException("malformed GRU encoder: " + e.getMessage(), e);
        }
    }
}
