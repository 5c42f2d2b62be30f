package io.semrec.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Items: {@code item_id} plus any attributes. From NDJSON every other member is an attribute
 * with its JSON type kept; from CSV every other column is a string attribute.
 */
public final class ItemSchema implements RecordSchema<ItemRecord> {

    public static final ItemSchema INSTANCE = new ItemSchema();

    static final String ITEM_ID = "item_id";
    private static final String ATTRIBUTES = "attributes";

    private ItemSchema() {
    }

    @Override
    public ItemRecord fromJson(ObjectNode line) {
        String itemId = Fields.id(line.remove(ITEM_ID), ITEM_ID);
        Fields.requireNoNul(line, ATTRIBUTES);
        return new ItemRecord(itemId, write(line));
    }

    @Override
    public Function<List<String>, ItemRecord> forCsvHeader(List<String> header) {
        int idColumn = header.indexOf(ITEM_ID);
        if (idColumn < 0) {
            throw UnusableBodyException.missingColumns(List.of(ITEM_ID), header);
        }
        return row -> {
            String itemId = Fields.id(row.get(idColumn), ITEM_ID);
            ObjectNode attributes = IngestJson.MAPPER.createObjectNode();
            for (int i = 0; i < row.size(); i++) {
                if (i != idColumn) {
                    Fields.requireNoNul(row.get(i), ATTRIBUTES);
                    attributes.put(header.get(i), row.get(i));
                }
            }
            return new ItemRecord(itemId, write(attributes));
        };
    }

    private static String write(ObjectNode attributes) {
        try {
            return IngestJson.MAPPER.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
