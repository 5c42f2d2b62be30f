package io.semrec.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated catalog held in memory. Events are ordered by user, then by {@code seq}.
 */
public record DemoCatalog(List<DemoItem> items, List<DemoEvent> events) {

    public static final String ITEMS_FILE = "items.jsonl";
    public static final String EVENTS_FILE = "events.csv";
    public static final String EVENTS_HEADER = "user_id,item_id,seq";

    /** The real datasets were written by Python's csv module, which ends rows with CRLF; so do we. */
    private static final String CSV_ROW_END = "\r\n";

    public DemoCatalog {
        items = List.copyOf(items);
        events = List.copyOf(events);
    }

    public long userCount() {
        return events.stream().map(DemoEvent::userId).distinct().count();
    }

    /** Writes items.jsonl and events.csv into {@code dir}, creating it if needed. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(dir.resolve(ITEMS_FILE), StandardCharsets.UTF_8)) {
            for (DemoItem item : items) {
                out.write(item.toJsonLine());
                out.write('\n');
            }
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve(EVENTS_FILE), StandardCharsets.UTF_8)) {
            out.write(EVENTS_HEADER + CSV_ROW_END);
            for (DemoEvent event : events) {
                out.write(event.toCsvRow());
                out.write(CSV_ROW_END);
            }
        }
    }
}
