package io.semrec.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The shared real datasets, read where they lie (never copied), and what tests derive from them. */
public final class Datasets {

    public static final String OFFICE = "amazon-office";
    public static final int OFFICE_ITEMS = 2_420;
    public static final int OFFICE_EVENTS = 53_258;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Datasets() {
    }

    /** shared/ sits beside the repository (CI, worktrees) or inside it (copied checkouts); tests run in app/. */
    public static Path dir(String name) {
        return Stream.of("../../shared/datasets", "../shared/datasets")
                .map(dir -> Path.of(dir, name).toAbsolutePath().normalize())
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new AssertionError("dataset " + name + " not found beside the repository"));
    }

    /** Imports the dataset's items and events into the catalog through the API. */
    public static void importInto(String slug, String name) {
        Path dataset = dir(name);
        Api.admin().contentType("application/x-ndjson; charset=utf-8").body(dataset.resolve("items.jsonl").toFile())
                .post("/api/v1/catalogs/" + slug + "/items").then().statusCode(200);
        Api.admin().contentType("text/csv; charset=utf-8").body(dataset.resolve("events.csv").toFile())
                .post("/api/v1/catalogs/" + slug + "/events").then().statusCode(200);
    }

    /**
     * Item vectors that place items with shared words near each other: each word of the given
     * attributes adds 1 to one of {@code dim} hashed positions. Enough for neighbours that make sense.
     */
    public static Map<String, float[]> wordVectors(String name, int dim, String... attributes) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        try (BufferedReader lines = Files.newBufferedReader(dir(name).resolve("items.jsonl"))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode item = JSON.readTree(line);
                float[] vector = new float[dim];
                // Every item gets a little of one shared position, so none is the zero vector.
                vector[0] = 0.01f;
                for (String attribute : attributes) {
                    for (String word : item.path(attribute).asText().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                        if (word.length() > 2) {
                            vector[1 + Math.floorMod(word.hashCode(), dim - 1)] += 1;
                        }
                    }
                }
                vectors.put(item.get("item_id").asText(), vector);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }
}
