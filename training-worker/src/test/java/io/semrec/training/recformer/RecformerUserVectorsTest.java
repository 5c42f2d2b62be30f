package io.semrec.training.recformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pgvector.PGvector;
import io.quarkus.test.junit.QuarkusTest;
import io.semrec.artifact.ArtifactStore;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.encoder.RecformerEncoder;
import io.semrec.encoder.RecformerItemTokens;
import io.semrec.model.ItemVector;
import io.semrec.model.ModelDraft;
import io.semrec.model.ModelPublisher;
import io.semrec.model.ScoreMetric;
import io.semrec.uservector.UserVectorMaintainer;
import io.semrec.uservector.UserVectors;
import io.semrec.worker.TestDb;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The worker keeps a catalog's known users' Recformer query vectors current: every user after the model
 * is active, then the users whose events change; each vector is exactly what serving would encode from the
 * user's current history, and a pass cut short anywhere resumes where its last committed batch ended.
 * (The test profile encodes batches of 4 users.)
 */
@QuarkusTest
class RecformerUserVectorsTest {

    private static final int ITEMS = 12;
    private static final int USERS = 10;
    private static final int HISTORY_LENGTH = 5;
    private static final int TOKEN_BUDGET = 48;
    private static final int ALL = 1000;

    @Inject
    DataSource dataSource;

    @Inject
    ArtifactStore artifacts;

    @Inject
    UserVectorMaintainer maintainer;

    private TestDb db;
    private long catalog;
    private long model;
    private RecformerEncoder encoder;

    @BeforeEach
    void catalogWithAnActiveRecformerModel() throws Exception {
        db = new TestDb(dataSource);
        String slug = "uv-" + UUID.randomUUID().toString().substring(0, 8);
        catalog = db.queryLong("INSERT INTO catalog (slug, name, settings) VALUES (?, ?, ?::jsonb) RETURNING id", slug,
                slug, "{\"historyLength\": " + HISTORY_LENGTH + "}");
        db.update("INSERT INTO item (catalog_id, external_id) SELECT ?, 'item-' || n FROM generate_series(0, ?) n",
                catalog, ITEMS - 1);
        int[][] histories = TinyRecformer.successorHistories(ITEMS, USERS, 7);
        for (int u = 0; u < USERS; u++) {
            for (int t = 0; t < histories[u].length; t++) {
                event("u" + u, t, histories[u][t]);
            }
        }
        model = publishRecformer();
        db.update("UPDATE catalog SET active_model_id = ? WHERE id = ?", model, catalog);
    }

    @Test
    void everyKnownUserGetsTheVectorServingWouldEncodeAndAnUnchangedCatalogCostsNothing() throws Exception {
        UserVectorMaintainer.Round round = maintainer.maintain(catalog, ALL);

        assertEquals(USERS, round.encoded());
        assertFalse(round.more());
        assertStoredVectorsMatchHistories();
        assertEquals(0L, db.queryLong("SELECT count(*) FROM user_vector_state WHERE catalog_id = ? AND "
                + "(completed_at IS NULL OR resume_after IS NOT NULL)", catalog));
        assertEquals(0, maintainer.maintain(catalog, ALL).encoded(), "nothing changed");
    }

    @Test
    void usersWhoseEventsChangeAreMarkedByTheirWritesAndRecomputed() throws Exception {
        maintainer.maintain(catalog, ALL);
        try (Connection listener = dataSource.getConnection()) {
            listener.createStatement().execute("LISTEN user_events");
            event("u1", 100, 3);
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(5000);
            assertEquals(Long.toString(catalog), notifications[0].getParameter(), "wakes the workers");
        }
        // u2's most recent event, re-imported with another item under the same seq: an update, same event id
        db.update("UPDATE event e SET item_id = (SELECT id FROM item WHERE catalog_id = e.catalog_id AND id <> e.item_id "
                + "LIMIT 1) WHERE catalog_id = ? AND user_id = 'u2' AND seq = (SELECT max(seq) FROM event "
                + "WHERE catalog_id = ? AND user_id = 'u2')", catalog, catalog);
        event("u3", -1, 4);
        assertEquals(List.of("u1", "u2", "u3"), dirtyUsers());

        UserVectorMaintainer.Round round = maintainer.maintain(catalog, ALL);

        assertEquals(3, round.encoded() + round.unchanged());
        long u3Events = db.queryLong("SELECT count(*) FROM event WHERE catalog_id = ? AND user_id = 'u3'", catalog);
        assertEquals(u3Events <= HISTORY_LENGTH ? 3 : 2, round.encoded(),
                "u3's older event changes the encoded history only if it falls inside the window");
        assertEquals(List.of(), dirtyUsers());
        assertStoredVectorsMatchHistories();
    }

    @Test
    void aPassCutShortKeepsWhatItCommittedAndResumesFromThere() throws Exception {
        UserVectorMaintainer.Round first = maintainer.maintain(catalog, 1);
        assertEquals(4, first.encoded());
        assertTrue(first.more());
        assertEquals(Map.of("resume_after", "u3", "done", false), db.row("SELECT resume_after, "
                + "completed_at IS NOT NULL AS done FROM user_vector_state WHERE catalog_id = ?", catalog));
        assertEquals(4L, db.queryLong("SELECT count(*) FROM user_vector WHERE catalog_id = ?", catalog));

        try (Connection other = dataSource.getConnection(); PreparedStatement lock = other.prepareStatement(
                "SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, catalog);
            lock.execute();
            assertEquals(0, maintainer.maintain(catalog, ALL).encoded(), "another worker holds the catalog");
            other.createStatement().execute("SELECT pg_advisory_unlock_all()");
        }

        UserVectorMaintainer.Round rest = maintainer.maintain(catalog, ALL);
        assertEquals(USERS - 4, rest.encoded(), "the committed batch is not encoded again");
        assertStoredVectorsMatchHistories();
    }

    @Test
    void aNewHistoryLengthRecomputesAndAModelOfAnotherMethodStopsPrecomputation() throws Exception {
        maintainer.maintain(catalog, ALL);
        db.update("UPDATE catalog SET settings = '{\"historyLength\": 2}'::jsonb WHERE id = ?", catalog);
        assertEquals(USERS, maintainer.maintain(catalog, ALL).encoded());
        assertStoredVectorsMatchHistories();

        long sasrec;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            sasrec = new ModelPublisher("64MB").publish(c, new ModelDraft(catalog, null, "sasrec", ScoreMetric.DOT,
                    Map.of(), Map.of()), TestDb.itemVectors(c, catalog));
            c.commit();
        }
        db.update("UPDATE catalog SET active_model_id = ? WHERE id = ?", sasrec, catalog);
        maintainer.maintain(catalog, ALL);
        assertEquals(0L, db.queryLong("SELECT count(*) FROM user_vector_state WHERE catalog_id = ?", catalog));
        event("u1", 100, 3);
        assertEquals(List.of(), dirtyUsers(), "event writes mark nothing");
        assertEquals((long) USERS, db.queryLong("SELECT count(*) FROM user_vector WHERE model_id = ?", model),
                "kept for a rollback; dropped with their model");
    }

    @Test
    void aVectorWrittenWhileItsUserIsErasedDoesNotSurviveTheErasure() throws Exception {
        try (Connection erasure = dataSource.getConnection()) {
            erasure.setAutoCommit(false);
            UserVectors.lockForErasure(erasure, catalog, "u1");
            erasure.createStatement().executeUpdate("DELETE FROM event WHERE catalog_id = " + catalog
                    + " AND user_id = 'u1'");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    UserVectors.upsert(c, catalog, model, List.of(new UserVectors.Row("u1", new byte[32],
                            new float[16])));
                    c.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            TestDb.sleep(Duration.ofMillis(500));
            assertFalse(writer.isDone(), "the writer waits for the erasure's lock");
            UserVectors.eraseVectors(erasure, catalog, "u1");
            erasure.commit();
            writer.get(10, TimeUnit.SECONDS);
        }
        assertEquals(0L, db.queryLong("SELECT count(*) FROM user_vector WHERE catalog_id = ?", catalog));
    }

    /** Every user's stored vector is the serving encoder's for their current history, under its fingerprint. */
    private void assertStoredVectorsMatchHistories() throws Exception {
        int historyLength = (int) db.queryLong("SELECT coalesce((settings ->> 'historyLength')::int, 50) FROM catalog "
                + "WHERE id = ?", catalog);
        Map<String, float[]> stored = new TreeMap<>();
        Map<String, byte[]> hashes = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT user_id, history_hash, embedding::text FROM user_vector WHERE catalog_id = ? AND model_id = ?")) {
            query.setLong(1, catalog);
            query.setLong(2, model);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    hashes.put(rs.getString(1), rs.getBytes(2));
                    stored.put(rs.getString(1), new PGvector(rs.getString(3)).toArray());
                }
            }
        }
        assertEquals(USERS, stored.size());
        for (String user : stored.keySet()) {
            long[] history = recentItems(user, historyLength);
            assertArrayEquals(UserVectors.fingerprint(history), hashes.get(user), user);
            assertArrayEquals(encoder.encodeItems(history), stored.get(user), 1e-6f, user);
        }
    }

    /** The user's most recent item ids, oldest first, read independently of the worker's query. */
    private long[] recentItems(String user, int historyLength) throws Exception {
        List<Long> newestFirst = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT item_id FROM event WHERE catalog_id = ? AND user_id = ? ORDER BY seq DESC LIMIT ?")) {
            query.setLong(1, catalog);
            query.setString(2, user);
            query.setInt(3, historyLength);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    newestFirst.add(rs.getLong(1));
                }
            }
        }
        long[] oldestFirst = new long[newestFirst.size()];
        for (int n = 0; n < oldestFirst.length; n++) {
            oldestFirst[n] = newestFirst.get(oldestFirst.length - 1 - n);
        }
        return oldestFirst;
    }

    private List<String> dirtyUsers() {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            if (db.queryLong("SELECT count(*) FROM user_vector_dirty WHERE catalog_id = ? AND user_id = ?", catalog,
                    "u" + u) > 0) {
                users.add("u" + u);
            }
        }
        return users;
    }

    private void event(String user, long seq, int item) {
        db.update("INSERT INTO event (catalog_id, user_id, item_id, seq) SELECT ?, ?, id, ? FROM item "
                + "WHERE catalog_id = ? AND external_id = ?", catalog, user, seq, catalog, "item-" + item);
    }

    /** A tiny random Recformer with random tokens per item and random item vectors, published as a job would. */
    private long publishRecformer() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        List<ItemVector> vectors = new ArrayList<>();
        long[] itemIds = new long[ITEMS];
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT id FROM item WHERE catalog_id = ? ORDER BY id")) {
            query.setLong(1, catalog);
            try (ResultSet rs = query.executeQuery()) {
                for (int n = 0; rs.next(); n++) {
                    itemIds[n] = rs.getLong(1);
                    float[] vector = new float[16];
                    for (int d = 0; d < vector.length; d++) {
                        vector[d] = (float) random.nextGaussian();
                    }
                    vectors.add(new ItemVector(itemIds[n], vector));
                }
            }
        }
        long[] offsets = new long[ITEMS + 1];
        int[] tokens = new int[ITEMS * 4];
        int[] types = new int[tokens.length];
        for (int n = 0; n < ITEMS; n++) {
            offsets[n + 1] = offsets[n] + 4;
            for (int t = 0; t < 4; t++) {
                tokens[n * 4 + t] = 1000 + random.nextInt(2000);
                types[n * 4 + t] = t % 2 == 0 ? RecformerArchitecture.KEY : RecformerArchitecture.VALUE;
            }
        }
        byte[] artifact = RecformerEncoder.artifact(TinyRecformer.randomEncoder(),
                new RecformerItemTokens(itemIds, offsets, tokens, types, 101)).toBytes();
        encoder = RecformerEncoder.read(artifact, TOKEN_BUDGET, 1);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long id = new ModelPublisher("64MB").publish(c, new ModelDraft(catalog, null, "recformer",
                    ScoreMetric.COSINE, Map.of("servingTokenBudget", TOKEN_BUDGET), Map.of()), vectors.iterator());
            artifacts.put(c, catalog, id, RecformerEncoder.ARTIFACT, artifact);
            c.commit();
            return id;
        }
    }
}
