package io.semrec.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.demo.DemoCatalogGenerator.Invocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCatalogGeneratorTest {

    private static final DemoCatalogSpec SPEC = DemoCatalogSpec.defaults();
    private static final DemoCatalog CATALOG = DemoCatalogGenerator.generate(SPEC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void sameSeedWritesByteIdenticalFiles() throws IOException {
        DemoCatalogGenerator.generate(SPEC).writeTo(tmp.resolve("a"));
        DemoCatalogGenerator.generate(SPEC).writeTo(tmp.resolve("b"));

        for (String file : List.of(DemoCatalog.ITEMS_FILE, DemoCatalog.EVENTS_FILE)) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(file)),
                    Files.readAllBytes(tmp.resolve("b").resolve(file)), file);
        }
    }

    @Test
    void differentSeedGivesDifferentCatalog() {
        DemoCatalog other = DemoCatalogGenerator.generate(new DemoCatalogSpec(SPEC.users(), SPEC.items(), 7));

        assertNotEquals(CATALOG.items(), other.items());
        assertNotEquals(CATALOG.events(), other.events());
    }

    @Test
    void userCountDoesNotChangeTheItems() {
        DemoCatalog fewUsers = DemoCatalogGenerator.generate(new DemoCatalogSpec(10, SPEC.items(), SPEC.seed()));

        assertEquals(CATALOG.items(), fewUsers.items());
    }

    @Test
    void catalogHasRequestedSizes() {
        assertEquals(SPEC.items(), CATALOG.items().size());
        assertEquals(SPEC.users(), CATALOG.userCount());
        double averageHistory = (double) CATALOG.events().size() / SPEC.users();
        assertTrue(averageHistory > 8 && averageHistory < 12, "average history " + averageHistory);
    }

    @Test
    void itemsHaveUniqueIdsAndNonEmptyTitleBrandAndCategoryPath() {
        Set<String> ids = new HashSet<>();
        for (DemoItem item : CATALOG.items()) {
            assertTrue(ids.add(item.itemId()), "duplicate id " + item.itemId());
            assertFalse(item.title().isBlank(), item.itemId());
            assertFalse(item.brand().isBlank(), item.itemId());
            assertEquals(3, item.categories().split(", ").length, item.categories());
        }
    }

    @Test
    void everyEventReferencesAnExistingItem() {
        Set<String> ids = CATALOG.items().stream().map(DemoItem::itemId).collect(Collectors.toSet());

        for (DemoEvent event : CATALOG.events()) {
            assertTrue(ids.contains(event.itemId()), "unknown item in " + event);
        }
    }

    @Test
    void historiesAreContiguousAtLeastFiveLongAndWithoutRepeats() {
        for (Map.Entry<String, List<DemoEvent>> user : historiesByUser().entrySet()) {
            List<DemoEvent> history = user.getValue();
            assertTrue(history.size() >= HistoryWalker.MIN_HISTORY, "user " + user.getKey());
            for (int seq = 0; seq < history.size(); seq++) {
                assertEquals(seq, history.get(seq).seq(), "user " + user.getKey());
            }
            long distinct = history.stream().map(DemoEvent::itemId).distinct().count();
            assertEquals(history.size(), distinct, "repeated item for user " + user.getKey());
        }
    }

    @Test
    void nextItemUsuallySharesThePreviousItemsTheme() {
        Map<String, String> themeOf = CATALOG.items().stream()
                .collect(Collectors.toMap(DemoItem::itemId, item -> item.categories().split(", ")[1]));
        List<String[]> transitions = transitions();

        double sameTheme = transitions.stream()
                .filter(pair -> themeOf.get(pair[0]).equals(themeOf.get(pair[1])))
                .count() / (double) transitions.size();
        // Chance that two independent events share a theme: the sum of squared theme shares.
        Map<String, Long> eventsPerTheme = CATALOG.events().stream()
                .collect(Collectors.groupingBy(event -> themeOf.get(event.itemId()), Collectors.counting()));
        double chance = eventsPerTheme.values().stream()
                .mapToDouble(count -> Math.pow(count / (double) CATALOG.events().size(), 2))
                .sum();

        assertTrue(sameTheme > 0.6, "same-theme share " + sameTheme);
        assertTrue(sameTheme > 4 * chance, "same-theme share " + sameTheme + " vs chance " + chance);
    }

    @Test
    void nextItemIsPredictableFromThePreviousItem() {
        Map<String, Map<String, Long>> successors = transitions().stream().collect(Collectors.groupingBy(
                pair -> pair[0], Collectors.groupingBy(pair -> pair[1], Collectors.counting())));

        long predictedByTopSuccessor = successors.values().stream()
                .mapToLong(counts -> counts.values().stream().max(Comparator.naturalOrder()).orElseThrow())
                .sum();
        double share = predictedByTopSuccessor / (double) transitions().size();

        assertTrue(share > 0.4, "share of transitions to the previous item's most frequent successor " + share);
    }

    @Test
    void popularityIsSkewed() {
        List<Long> counts = CATALOG.events().stream()
                .collect(Collectors.groupingBy(DemoEvent::itemId, Collectors.counting()))
                .values().stream().sorted(Comparator.reverseOrder()).toList();

        long topTenth = counts.stream().limit(SPEC.items() / 10).mapToLong(Long::longValue).sum();
        double share = topTenth / (double) CATALOG.events().size();

        assertTrue(share > 0.25, "share of events on the top 10% of items " + share);
    }

    @Test
    void writtenItemsAreJsonObjectsMatchingTheCatalog() throws IOException {
        CATALOG.writeTo(tmp);

        List<String> lines = Files.readAllLines(tmp.resolve(DemoCatalog.ITEMS_FILE), StandardCharsets.UTF_8);
        assertEquals(CATALOG.items().size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = JSON.readTree(lines.get(i));
            DemoItem item = CATALOG.items().get(i);
            assertTrue(node.isObject(), lines.get(i));
            assertEquals(5, node.size(), lines.get(i));
            assertEquals(item.itemId(), node.get("item_id").textValue());
            assertEquals(item.title(), node.get("title").textValue());
            assertEquals(item.brand(), node.get("brand").textValue());
            assertEquals(item.categories(), node.get("categories").textValue());
            assertEquals(item.description(), node.get("description").textValue());
        }
    }

    @Test
    void writtenEventsAreCsvWithHeaderAndCrlfRows() throws IOException {
        CATALOG.writeTo(tmp);

        String csv = Files.readString(tmp.resolve(DemoCatalog.EVENTS_FILE), StandardCharsets.UTF_8);
        assertTrue(csv.endsWith("\r\n"));
        String[] rows = csv.split("\r\n");
        assertEquals("user_id,item_id,seq", rows[0]);
        assertEquals(CATALOG.events().size() + 1, rows.length);
        for (int i = 1; i < rows.length; i++) {
            DemoEvent event = CATALOG.events().get(i - 1);
            assertEquals(event.userId() + "," + event.itemId() + "," + event.seq(), rows[i]);
        }
    }

    @Test
    void jsonQuoteEscapesWhatJsonRequires() throws IOException {
        String text = "say \"hi\" \\ tab\t new\nline \u0001 caf\u00e9";

        String quoted = Json.quote(text);

        assertEquals("\"say \\\"hi\\\" \\\\ tab\\t new\\nline \\u0001 caf\u00e9\"", quoted);
        assertEquals(text, JSON.readTree(quoted).textValue());
    }

    @Test
    void commandLineTakesOutDirAndOptions() {
        Invocation invocation = Invocation.parse(new String[] {"out", "--users", "10", "--items", "200", "--seed", "9"});

        assertEquals(Path.of("out"), invocation.outDir());
        assertEquals(new DemoCatalogSpec(10, 200, 9), invocation.spec());
        assertEquals(SPEC, Invocation.parse(new String[] {"out"}).spec());
        assertThrows(IllegalArgumentException.class, () -> Invocation.parse(new String[] {"--users", "10"}));
        assertThrows(IllegalArgumentException.class, () -> Invocation.parse(new String[] {"out", "--seed"}));
        assertThrows(IllegalArgumentException.class, () -> Invocation.parse(new String[] {"out", "--items", "20"}));
    }

    @Test
    void smallestCatalogStillFillsEveryHistory() {
        DemoCatalog smallest = DemoCatalogGenerator.generate(new DemoCatalogSpec(300, DemoCatalogSpec.MIN_ITEMS, 3));

        assertEquals(DemoCatalogSpec.MIN_ITEMS, smallest.items().size());
        assertEquals(300, smallest.userCount());
    }

    private static Map<String, List<DemoEvent>> historiesByUser() {
        Map<String, List<DemoEvent>> histories = new LinkedHashMap<>();
        for (DemoEvent event : CATALOG.events()) {
            histories.computeIfAbsent(event.userId(), user -> new ArrayList<>()).add(event);
        }
        return histories;
    }

    /** Consecutive (previous item, next item) pairs over all histories. */
    private static List<String[]> transitions() {
        List<String[]> pairs = new ArrayList<>();
        for (List<DemoEvent> history : historiesByUser().values()) {
            for (int i = 1; i < history.size(); i++) {
                pairs.add(new String[] {history.get(i - 1).itemId(), history.get(i).itemId()});
            }
        }
        return pairs;
    }
}
