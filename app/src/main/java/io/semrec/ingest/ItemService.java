package io.semrec.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.catalog.CatalogRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reading items and marking them unavailable; each call is one statement. */
@ApplicationScoped
public class ItemService {

    private static final String COLUMNS = "id, external_id, attributes::text, available, created_at, updated_at";
    /** The item's title; V9's trigram index is on exactly this expression. */
    static final String TITLE = "(attributes ->> 'title')";
    /** Every top-level attribute value as one text; searched without an index (see V9). */
    static final String ALL_VALUES = "jsonb_path_query_array(attributes, '$.*')::text";
    /** Words of a text search beyond this many are ignored: each is one more condition. */
    static final int MAX_SEARCH_WORDS = 8;
    /** An unindexed search of a big catalog gives up after this long rather than keep a page waiting. */
    static final int SEARCH_TIMEOUT_SECONDS = 5;
    private static final String QUERY_CANCELED = "57014";

    /** How {@link #search} matches an item. */
    public enum SearchMode {
        /** The item id starts with the query (indexed). */
        ID_PREFIX("external_id LIKE ?"),
        /** Every word of the query is in the item's title, in any case (indexed). */
        TITLE(ItemService.TITLE + " ILIKE ?"),
        /** Every word of the query is in some attribute value, in any case (reads every item of the catalog). */
        ATTRIBUTES(ALL_VALUES + " ILIKE ?");

        private final String condition;

        SearchMode(String condition) {
            this.condition = condition;
        }
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    ItemService(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A listed row: the view plus the internal id its page cursor is built from. */
    private record Row(long id, ItemView view) {
    }

    public ItemView get(CatalogRef catalog, String itemId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM item WHERE catalog_id = ? AND external_id = ?")) {
            statement.setLong(1, catalog.id());
            statement.setString(2, itemId);
            List<Row> rows = rows(statement);
            if (rows.isEmpty()) {
                throw notFound(catalog, itemId);
            }
            return rows.get(0).view();
        }
    }

    public Page<ItemView> list(CatalogRef catalog, PageRequest page) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM item WHERE catalog_id = ? AND id > ? ORDER BY id LIMIT ?")) {
            statement.setLong(1, catalog.id());
            statement.setLong(2, page.afterId());
            statement.setInt(3, page.limit() + 1);
            return page.page(rows(statement), Row::id, Row::view);
        }
    }

    /** Matching items in id order, a page at a time like {@link #list}; a blank query matches every item. */
    public Page<ItemView> search(CatalogRef catalog, SearchMode mode, String query, PageRequest page) throws SQLException {
        List<String> patterns = patterns(mode, query == null ? "" : query.strip());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM item WHERE catalog_id = ? AND id > ?");
        patterns.forEach(pattern -> sql.append(" AND ").append(mode.condition));
        sql.append(" ORDER BY id LIMIT ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int p = 1;
            statement.setLong(p++, catalog.id());
            statement.setLong(p++, page.afterId());
            for (String pattern : patterns) {
                statement.setString(p++, pattern);
            }
            statement.setInt(p, page.limit() + 1);
            statement.setQueryTimeout(SEARCH_TIMEOUT_SECONDS);
            return page.page(rows(statement), Row::id, Row::view);
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw ProblemException.badRequest("the search took longer than " + SEARCH_TIMEOUT_SECONDS
                        + " seconds; search titles or item ids instead, which are indexed");
            }
            throw e;
        }
    }

    /** The catalog's items among {@code itemIds}, by id; ids it does not have are left out. */
    public Map<String, ItemView> find(CatalogRef catalog, Collection<String> itemIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM item WHERE catalog_id = ? AND external_id = ANY (?)")) {
            statement.setLong(1, catalog.id());
            statement.setArray(2, connection.createArrayOf("text", itemIds.toArray()));
            Map<String, ItemView> found = new LinkedHashMap<>();
            for (Row row : rows(statement)) {
                found.put(row.view().itemId(), row.view());
            }
            return found;
        }
    }

    /** LIKE patterns for the query: the id prefix, or one per word; none for a blank query. */
    static List<String> patterns(SearchMode mode, String query) {
        if (query.isEmpty()) {
            return List.of();
        }
        if (mode == SearchMode.ID_PREFIX) {
            return List.of(escapeLike(query) + "%");
        }
        return Arrays.stream(query.split("\\s+")).limit(MAX_SEARCH_WORDS).map(word -> "%" + escapeLike(word) + "%").toList();
    }

    /** The text as a literal inside a LIKE pattern (backslash is the default escape character). */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Marks the item unavailable: it stays in users' histories and in training data but is never
     * recommended again. Re-importing it updates its attributes but does not make it available.
     */
    public void markUnavailable(CatalogRef catalog, String itemId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        UPDATE item SET available = false,
                                        updated_at = CASE WHEN available THEN now() ELSE updated_at END
                        WHERE catalog_id = ? AND external_id = ?
                        """)) {
            statement.setLong(1, catalog.id());
            statement.setString(2, itemId);
            if (statement.executeUpdate() == 0) {
                throw notFound(catalog, itemId);
            }
        }
    }

    private List<Row> rows(PreparedStatement statement) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), new ItemView(rs.getString(2), attributes(rs.getString(3)),
                        rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class))));
            }
        }
        return rows;
    }

    private JsonNode attributes(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException notFound(CatalogRef catalog, String itemId) {
        return ProblemException.notFound("no item '" + itemId + "' in catalog '" + catalog.slug() + "'");
    }
}
