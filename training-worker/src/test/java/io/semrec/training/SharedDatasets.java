package io.semrec.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads the real datasets in shared/datasets beside the repository, in place (never copied in). */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    /** The named fields of the first {@code count} items of a dataset ({@code amazon-office}, ...), joined by spaces. */
    public static List<String> items(String dataset, int count, List<String> fields) {
        ObjectMapper json = new ObjectMapper();
        try (Stream<String> lines = Files.lines(itemsFile(dataset))) {
            return lines.limit(count).map(line -> joinFields(json, line, fields)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dataset's items.jsonl beside the repository (JSON lines, one item each). */
    public static Path itemsFile(String dataset) {
        return Stream.of("../../shared/datasets", "../shared/datasets")
                .map(dir -> Path.of(dir, dataset, "items.jsonl").toAbsolutePath().normalize())
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new AssertionError(dataset + " dataset not found beside the repository"));
    }

    private static String joinFields(ObjectMapper json, String line, List<String> fields) {
        try {
            JsonNode item = json.readTree(line);
            return fields.stream().map(field -> item.get(field).asText()).collect(Collectors.joining(" "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
