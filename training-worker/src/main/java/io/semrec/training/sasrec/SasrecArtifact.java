package io.semrec.training.sasrec;

import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.encoder.SasrecEncoder;
import io.semrec.model.ScoreMetric;
import io.semrec.training.data.ItemTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained SASRec model as files, readable with no ML library: {@value #ENCODER_FILE} (the
 * sequence encoder, see {@link io.semrec.encoder.SasrecWeights#toSafeTensors()}) and
 * {@value #ITEM_VECTORS_FILE} (tensor {@code item_vectors} {@code [items][dim]} F32, scored by dot
 * product, and {@code item_ids} {@code [items]} I64, the catalog's internal item ids row by row).
 */
public final class SasrecArtifact {

    public static final String ENCODER_FILE = SasrecEncoder.ARTIFACT;
    public static final String ITEM_VECTORS_FILE = "item_vectors.safetensors";

    private SasrecArtifact() {
    }

    /** Writes the published encoder and item vectors of {@code result}; rows of the vectors follow {@code items}. */
    public static void write(SasrecResult result, ItemTable items, Path folder) throws IOException {
        Files.createDirectories(folder);
        result.encoder().toSafeTensors().write(folder.resolve(ENCODER_FILE));
        itemVectors(result.itemVectors(), items).write(folder.resolve(ITEM_VECTORS_FILE));
    }

    /** Rows of {@code vectors} with the internal ids of {@code items}, row by row. */
    public static SafeTensors itemVectors(float[][] vectors, ItemTable items) {
        long[] ids = new long[items.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.internalId(i);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("item_vectors", Tensor.f32(vectors));
        tensors.put("item_ids", Tensor.i64(new long[] {ids.length}, ids));
        return new SafeTensors(tensors, Map.of("metric", ScoreMetric.DOT.wireName()));
    }
}
