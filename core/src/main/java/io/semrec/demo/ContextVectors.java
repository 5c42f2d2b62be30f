package io.semrec.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Item vectors by random indexing: each item gets a fixed random signature, and its vector is the
 * sum of the signatures of the items it appears next to in user histories. Items that occur in
 * similar contexts end up close under cosine similarity. Used by the demo to publish a
 * bring-your-own-vectors model before any training has run; it is not a learned method.
 *
 * <p>Usage: {@code ContextVectors DATA_DIR OUT.jsonl [--dim 64] [--window 2] [--seed 7]} where
 * DATA_DIR holds {@code events.csv} with a header naming {@code user_id}, {@code item_id} and
 * {@code seq} or {@code ts} (plain numeric/ISO values, no quoted fields).
 */
public final class ContextVectors {

    private final int dim;
    private final int window;
    private final long seed;

    public ContextVectors(int dim, int window, long seed) {
        if (dim < 1 || window < 1) {
            throw new IllegalArgumentException("dim and window must be positive");
        }
        this.dim = dim;
        this.window = window;
        this.seed = seed;
    }

    /** Vectors for every item that occurs in {@code histories}, keyed by item id, in first-seen order. */
    public Map<String, float[]> vectors(List<List<String>> histories) {
        Map<String, float[]> signatures = new LinkedHashMap<>();
        for (List<String> history : histories) {
            for (String item : history) {
                signatures.computeIfAbsent(item, this::signature);
            }
        }
        Map<String, float[]> vectors = new LinkedHashMap<>();
        signatures.forEach((item, signature) -> vectors.put(item, signature.clone()));
        for (List<String> history : histories) {
            for (int i = 0; i < history.size(); i++) {
                float[] target = vectors.get(history.get(i));
                for (int j = Math.max(0, i - window); j <= Math.min(history.size() - 1, i + window); j++) {
                    if (j != i) {
                        addScaled(target, signatures.get(history.get(j)), 1f / Math.abs(i - j));
                    }
                }
            }
        }
        vectors.values().forEach(ContextVectors::normalize);
        return vectors;
    }

    /** A deterministic Gaussian signature per item id, independent of the order items are seen. */
    private float[] signature(String item) {
        SplittableRandom random = new SplittableRandom(seed * 31 + item.hashCode());
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            // Box-Muller; exact Gaussianity does not matter, near-orthogonality does.
            double u = 1 - random.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return v;
    }

    private static void addScaled(float[] target, float[] source, float scale) {
        for (int i = 0; i < target.length; i++) {
            target[i] += scale * source[i];
        }
    }

    private static void normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }

    /** Reads events.csv into per-user histories ordered by seq (or ts when there is no seq). */
    static List<List<String>> readHistories(Path eventsCsv) throws IOException {
        record Event(String user, String item, String order) {
        }
        List<Event> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(eventsCsv, StandardCharsets.UTF_8)) {
            List<String> header = Arrays.asList(in.readLine().strip().split(","));
            int user = header.indexOf("user_id");
            int item = header.indexOf("item_id");
            int order = header.contains("seq") ? header.indexOf("seq") : header.indexOf("ts");
            if (user < 0 || item < 0 || order < 0) {
                throw new IOException(eventsCsv + ": header needs user_id, item_id and seq or ts");
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    String[] cells = line.strip().split(",", -1);
                    events.add(new Event(cells[user], cells[item], cells[order]));
                }
            }
        }
        Comparator<String> numericThenText = Comparator
                .<String, Boolean>comparing(s -> !s.matches("\\d+"))
                .thenComparing(s -> s.matches("\\d+") ? String.format(Locale.ROOT, "%020d", Long.parseLong(s)) : s);
        Map<String, List<Event>> byUser = new HashMap<>();
        events.forEach(e -> byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e));
        List<List<String>> histories = new ArrayList<>();
        byUser.values().forEach(list -> {
            list.sort(Comparator.comparing(Event::order, numericThenText));
            histories.add(list.stream().map(Event::item).toList());
        });
        return histories;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ContextVectors DATA_DIR OUT.jsonl [--dim 64] [--window 2] [--seed 7]");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>(Map.of("--dim", "64", "--window", "2", "--seed", "7"));
        for (int i = 2; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        ContextVectors generator = new ContextVectors(Integer.parseInt(options.get("--dim")),
                Integer.parseInt(options.get("--window")), Long.parseLong(options.get("--seed")));
        Map<String, float[]> vectors = generator.vectors(readHistories(Path.of(args[0]).resolve(DemoCatalog.EVENTS_FILE)));
        try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                StringBuilder line = new StringBuilder("{\"item_id\":").append(Json.quote(entry.getKey())).append(",\"vector\":[");
                float[] v = entry.getValue();
                for (int i = 0; i < v.length; i++) {
                    line.append(i == 0 ? "" : ",").append(v[i]);
                }
                out.write(line.append("]}\n").toString());
            }
        }
        System.out.printf(Locale.ROOT, "wrote %d item vectors of dimension %s to %s%n", vectors.size(), options.get("--dim"), args[1]);
    }
}
