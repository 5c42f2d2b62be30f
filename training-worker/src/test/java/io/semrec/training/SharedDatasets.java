package io.semrec.training;

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

/** Reads the real datasets in shared/datasets beside the repository, in place (never copied in). */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    /** The named fields of the first {@code count} items of a dataset ({@code amazon-office}, ...), joined by spaces. */
    public static List<String> items(String dataset, int count, List<String> fields) {
        return read(dataset, count, item -> fields.stream().map(field -> item.get(field).asText())
                .collect(Collectors.joining(" ")));
    }

    private static List<String> read(String dataset, int count, Function<JsonNode, String> text) {
        Path items = Stream.of("../../shared/datasets", "../shared/datasets")
                .map(dir -> Path.of(dir, dataset, "items.jsonl").toAbsolutePath().normalize())
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new AssertionError(dataset + " dataset not found beside the repository"));
        ObjectMapper json = new ObjectMapper();
        try (Stream<String> lines = Files.lines(items)) {
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
}
