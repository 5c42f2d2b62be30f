package io.semrec.training.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.semrec.training.support.SharedDatasets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Shared by the MiniLM tests and benchmark: the extracted model, a loaded encoder, real item titles. */
public final class MiniLmFixture {

    private MiniLmFixture() {
    }

    public static PretrainedMiniLm pretrained() {
        return PretrainedMiniLm.extractTo(Path.of("target", "pretrained-cache"));
    }

    /** The pretrained architecture with all-MiniLM-L6-v2's weights, parameters on {@code manager}. */
    static BertEncoderBlock loadedEncoder(PretrainedMiniLm pretrained, NDManager manager) {
        BertEncoderBlock encoder = BertEncoderBlock.builder(PretrainedMiniLm.CONFIG).build();
        encoder.initialize(manager, DataType.FLOAT32, encoder.inputShapes(1, 1));
        BertEncoderBlock.WeightLoadReport report = encoder.loadWeights(pretrained.weights());
        if (!report.missing().isEmpty() || !report.unexpected().isEmpty()) {
            throw new IllegalStateException("MiniLM weights do not fit the encoder: " + report);
        }
        return encoder;
    }

    /** Encoder inputs (ids, mask, token types), each (B,S) int64, from a padded batch. */
    static NDList inputs(NDManager manager, Encoding... batch) {
        return new NDList(
                manager.create(matrix(batch, Encoding::getIds)),
                manager.create(matrix(batch, Encoding::getAttentionMask)),
                manager.create(matrix(batch, Encoding::getTypeIds)));
    }

    static long[][] matrix(Encoding[] batch, Function<Encoding, long[]> field) {
        return Stream.of(batch).map(field).toArray(long[][]::new);
    }

    /** Titles of the first items of shared/datasets/amazon-office, read in place. */
    public static List<String> officeTitles(int count) {
        return officeItems(count, List.of("title"));
    }

    /** The named fields of the first items of shared/datasets/amazon-office, joined by spaces. */
    public static List<String> officeItems(int count, List<String> fields) {
        return SharedDatasets.items("amazon-office", count, fields);
    }

    /** shared/datasets/amazon-office/items.jsonl beside the repository (JSON lines, one item each). */
    public static Path officeItemsFile() {
        return SharedDatasets.itemsFile("amazon-office");
    }
}
