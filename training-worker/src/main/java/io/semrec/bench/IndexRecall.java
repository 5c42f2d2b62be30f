package io.semrec.bench;

import io.semrec.artifact.ModelArtifacts;
import io.semrec.encoder.SequenceEncoder;
import io.semrec.model.Model;
import io.semrec.model.PublishedModel;
import io.semrec.training.data.EventSnapshotReader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.data.PublishedVectors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How well a published model's HNSW index finds the true top-k for the queries serving really asks:
 * each sampled user's history (the catalog's events, most recent {@code history} items) encoded with
 * the model's own encoder, searched with the index at several {@code ef_search} values and exactly
 * (sequential scan), with the queries per second of one connection at each setting. Prints a markdown
 * table. Run through {@code bench/index-recall.sh}.
 */
public final class IndexRecall {

    private static final int[] EF_SEARCH = {10, 20, 40, 64, 100, 200, 400};
    /** On small catalogs the planner prefers a sequential scan; the index runs must use the index. */
    private static final String INDEX = "SET enable_seqscan = off; SET enable_indexscan = on";
    private static final String EXACT = "SET enable_seqscan = on; SET enable_indexscan = off";

    private IndexRecall() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(options.getOrDefault("jdbc", "jdbc:postgresql://localhost:5432/semrec"));
        dataSource.setUser(options.getOrDefault("user", "semrec"));
        dataSource.setPassword(options.getOrDefault("password", "semrec"));
        long modelId = Long.parseLong(required(options, "model"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "1000"));
        int k = Integer.parseInt(options.getOrDefault("k", "10"));
        int history = Integer.parseInt(options.getOrDefault("history", "50"));
        Optional<Path> artifactsDir = Optional.ofNullable(options.get("artifacts-dir")).map(Path::of);

        try (Connection connection = dataSource.getConnection()) {
            PublishedModel model = PublishedModel.find(connection, modelId)
                    .orElseThrow(() -> new IllegalArgumentException("no model " + modelId));
            SequenceEncoder encoder = model.encoder(connection, new ModelArtifacts(artifactsDir, Long.MAX_VALUE));
            InteractionDataset dataset = new EventSnapshotReader(dataSource).read(model.catalogId());
            float[][] vectors = PublishedVectors.byItemIndex(connection, model, dataset.items());
            List<String> queryVectors = sampleQueries(dataset, vectors, encoder, queries, history);

            // The same expression serving orders by, so that the per-model HNSW index applies.
            String vector = "vector(" + model.dim() + ")";
            String search = "SELECT item_id FROM " + Model.vectorTable(modelId) + " ORDER BY embedding::" + vector + " "
                    + model.metric().distanceOperator + " CAST(? AS " + vector + ") LIMIT " + k;
            List<Set<Long>> exact = run(connection, search, queryVectors, EXACT).results;
            System.out.printf("model %d (%s, %s, %d items, dim %d), %d queries from users' histories, top %d%n%n",
                    modelId, model.method(), model.metric().name().toLowerCase(), model.itemCount(), model.dim(),
                    queryVectors.size(), k);
            System.out.println("index plan: " + plan(connection, search, queryVectors.get(0)));
            System.out.printf("%n| ef_search | recall@%d | queries/s (1 connection) |%n|---|---|---|%n", k);
            for (int ef : EF_SEARCH) {
                Run index = run(connection, search, queryVectors, INDEX + "; SET hnsw.ef_search = " + ef);
                System.out.printf("| %d | %.4f | %.0f |%n", ef, recall(index.results, exact, k), index.perSecond);
            }
            Run scan = run(connection, search, queryVectors, EXACT);
            System.out.printf("| exact (sequential scan) | 1.0000 | %.0f |%n", scan.perSecond);
        }
    }

    private static String plan(Connection connection, String search, String query) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute(INDEX);
        }
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + search)) {
            explain.setString(1, query);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1).strip()).append(" / ");
                }
            }
            return plan.toString();
        }
    }

    private record Run(List<Set<Long>> results, double perSecond) {
    }

    private static Run run(Connection connection, String search, List<String> queries, String settings)
            throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute(settings);
        }
        List<Set<Long>> results = new ArrayList<>(queries.size());
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(search)) {
            for (String query : queries) {
                statement.setString(1, query);
                Set<Long> found = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getLong(1));
                    }
                }
                results.add(found);
            }
        }
        return new Run(results, queries.size() / ((System.nanoTime() - start) / 1e9));
    }

    private static double recall(List<Set<Long>> found, List<Set<Long>> exact, int k) {
        long hits = 0;
        for (int q = 0; q < found.size(); q++) {
            hits += found.get(q).stream().filter(exact.get(q)::contains).count();
        }
        return hits / (double) (k * found.size());
    }

    private static List<String> sampleQueries(InteractionDataset dataset, float[][] vectors, SequenceEncoder encoder,
            int queries, int history) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> sampled = new ArrayList<>();
        int[][] histories = dataset.histories();
        for (int attempt = 0; attempt < histories.length * 4 && sampled.size() < queries; attempt++) {
            int[] events = histories[random.nextInt(histories.length)];
            List<float[]> known = new ArrayList<>();
            for (int item : Arrays.copyOfRange(events, Math.max(0, events.length - history), events.length)) {
                if (vectors[item] != null) {
                    known.add(vectors[item]);
                }
            }
            if (!known.isEmpty()) {
                sampled.add(Arrays.toString(encoder.encode(known)).replace(" ", ""));
            }
        }
        return sampled;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
