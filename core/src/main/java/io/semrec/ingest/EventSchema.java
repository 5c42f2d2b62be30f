package io.semrec.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Events: {@code user_id}, {@code item_id}, and {@code seq} and/or {@code ts}; other members or
 * columns are ignored.
 */
public final class EventSchema implements RecordSchema<EventRecord> {

    public static final EventSchema INSTANCE = new EventSchema();

    private static final String USER_ID = "user_id";
    private static final String SEQ = "seq";
    private static final String TS = "ts";

    private EventSchema() {
    }

    @Override
    public EventRecord fromJson(ObjectNode line) {
        return new EventRecord(
                Fields.id(line.get(USER_ID), USER_ID),
                Fields.id(line.get(ItemSchema.ITEM_ID), ItemSchema.ITEM_ID),
                Timestamps.fromJson(line.get(TS)),
                Fields.seq(line.get(SEQ)));
    }

    @Override
    public Function<List<String>, EventRecord> forCsvHeader(List<String> header) {
        int user = header.indexOf(USER_ID);
        int item = header.indexOf(ItemSchema.ITEM_ID);
        int seq = header.indexOf(SEQ);
        int ts = header.indexOf(TS);
        List<String> missing = new ArrayList<>();
        if (user < 0) {
            missing.add(USER_ID);
        }
        if (item < 0) {
            missing.add(ItemSchema.ITEM_ID);
        }
        if (seq < 0 && ts < 0) {
            missing.add(SEQ + " or " + TS);
        }
        if (!missing.isEmpty()) {
            throw UnusableBodyException.missingColumns(missing, header);
        }
        return row -> new EventRecord(
                Fields.id(row.get(user), USER_ID),
                Fields.id(row.get(item), ItemSchema.ITEM_ID),
                ts < 0 ? null : Timestamps.parse(row.get(ts)),
                seq < 0 ? null : Fields.seq(row.get(seq)));
    }
}
