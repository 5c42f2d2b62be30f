package io.semrec.training.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a dataset folder for offline benchmarks and tests: {@code items.jsonl} (one object per line,
 * {@code item_id} plus attributes) and {@code events.csv} (header {@code user_id,item_id,seq}).
 * Items get internal ids 1..n in file order; events get ids 1..m in file order (the tie-break).
 */
public final class DatasetFolderLoader {

    public static final String ITEMS_FILE = "items.jsonl";
    public static final String EVENTS_FILE = "events.csv";
    private static final String ITEM_ID_FIELD = "item_id";
    private static final String EVENTS_HEADER = "user_id,item_id,seq";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private DatasetFolderLoader() {
    }

    public static InteractionDataset load(Path folder) {
        try {
            ItemTable items = readItems(folder.resolve(ITEMS_FILE));
            Path events = folder.resolve(EVENTS_FILE);
            return readEvents(events, items, Files.getLastModifiedTime(events).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + folder, e);
        }
    }

    private static ItemTable readItems(Path file) throws IOException {
        List<String> externalIds = new ArrayList<>();
        List<Map<String, Object>> attributes = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                LinkedHashMap<String, Object> object = JSON.readValue(line, OBJECT);
                Object id = object.remove(ITEM_ID_FIELD);
                if (id == null) {
                    throw new IOException(file + ": line without " + ITEM_ID_FIELD);
                }
                externalIds.add(id.toString());
                attributes.add(object);
            }
        }
        int n = externalIds.size();
        long[] internalIds = new long[n];
        boolean[] available = new boolean[n];
        for (int i = 0; i < n; i++) {
            internalIds[i] = i + 1;
            available[i] = true;
        }
        return new ItemTable(internalIds, externalIds.toArray(String[]::new), attributes, available);
    }

    private record Row(long seq, long eventId, int item) {
    }

    private static InteractionDataset readEvents(Path file, ItemTable items, Instant modified)
            throws IOException {
        Map<String, List<Row>> byUser = new LinkedHashMap<>();
        long eventId = 0;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String header = reader.readLine();
            if (header == null || !header.strip().equals(EVENTS_HEADER)) {
                throw new IOException(file + ": expected header " + EVENTS_HEADER);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != 3) {
                    throw new IOException(file + ": expected 3 fields in line " + (eventId + 2));
                }
                int item = items.indexOfExternalId(fields[1]);
                if (item < 0) {
                    throw new IOException(file + ": unknown item " + fields[1]);
                }
                eventId++;
                byUser.computeIfAbsent(fields[0], u -> new ArrayList<>())
                        .add(new Row(Long.parseLong(fields[2].strip()), eventId, item));
            }
        }
        String[] userIds = byUser.keySet().toArray(String[]::new);
        int[][] histories = new int[userIds.length][];
        Comparator<Row> chronological = Comparator.comparingLong(Row::seq).thenComparingLong(Row::eventId);
        for (int u = 0; u < userIds.length; u++) {
            List<Row> rows = byUser.get(userIds[u]);
            rows.sort(chronological);
            histories[u] = rows.stream().mapToInt(Row::item).toArray();
        }
        SnapshotInfo snapshot = new SnapshotInfo(eventId, userIds.length, items.size(), eventId, modified);
        return new InteractionDataset(items, userIds, histories, snapshot);
    }
}
