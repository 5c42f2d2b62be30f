package io.semrec.training.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the real datasets (never copied into the repository): {@code $SEMREC_DATASETS}, else the
 * first {@code shared/datasets} folder above the working directory. Tests that need one are skipped
 * where the data is absent.
 */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    public static Path require(String name) {
        Path folder = root() == null ? null : root().resolve(name);
        assumeTrue(folder != null && Files.isDirectory(folder), "dataset " + name + " not found; set SEMREC_DATASETS");
        return folder;
    }

    /** The named fields of the first {@code count} items of a dataset ({@code amazon-office}, ...), joined by spaces. */
    public static List<String> items(String dataset, int count, List<String> fields) {
        return read(dataset, count, item -> fields.stream().map(field -> item.get(field).asText())
                .collect(Collectors.joining(" ")));
    }

    /** A dataset's items.jsonl (JSON lines, one item each). */
    public static Path itemsFile(String dataset) {
        return require(dataset).resolve("items.jsonl");
    }

    private static List<String> read(String dataset, int count, Function<JsonNode, String> text) {
        ObjectMapper json = new ObjectMapper();
        try (Stream<String> lines = Files.lines(itemsFile(dataset))) {
            return lines.limit(count).map(line -> text.apply(parse(json, line))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #items}, each present field written as {@code name: value}: {@code title: ... brand: ...}. */
    public static List<String> labelled(String dataset, int count, List<String> fields) {
        return read(dataset, count, item -> fields.stream()
                .filter(field -> !item.path(field).asText().isBlank())
                .map(field -> field + ": " + item.get(field).asText())
                .collect(Collectors.joining(" ")));
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        String configured = System.getenv("SEMREC_DATASETS");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
