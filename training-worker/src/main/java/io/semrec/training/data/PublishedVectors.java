package io.semrec.training.data;

import io.semrec.model.PublishedModel;
import java.sql.Connection;
import java.sql.SQLException;

/** A published model's item vectors laid out by a snapshot's item index. */
public final class PublishedVectors {

    private PublishedVectors() {
    }

    /** The model's vector of each item of {@code items}; null for items it has none for (added since). */
    public static float[][] byItemIndex(Connection connection, PublishedModel model, ItemTable items)
            throws SQLException {
        float[][] vectors = new float[items.size()][];
        model.readVectors(connection, (itemId, externalId, vector) -> {
            int item = items.indexOfInternalId(itemId);
            if (item >= 0) {
                vectors[item] = vector;
            }
        });
        return vectors;
    }
}
