package io.semrec.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.semrec.uservector.UserVectors;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Known users' query vectors the training worker precomputed, for models whose encoder is too slow for
 * the request path: one primary-key read, used only when it was computed from exactly the history
 * serving would encode now.
 */
@ApplicationScoped
class PrecomputedUserVectors {

    private final DataSource dataSource;
    private final Counter used;
    private final Counter encoded;

    PrecomputedUserVectors(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.used = lookups(registry, "precomputed");
        this.encoded = lookups(registry, "encoded");
    }

    /**
     * @param itemIds the model's item ids serving would encode, oldest first
     * @return the stored vector when it matches them; empty (encode on the fly) when the user has none or
     *     their history changed since it was computed
     */
    Optional<float[]> find(ModelVectors model, String userId, long[] itemIds) {
        Optional<float[]> found;
        try (Connection connection = dataSource.getConnection()) {
            found = UserVectors.find(connection, model.catalogId, model.modelId, userId,
                    UserVectors.fingerprint(itemIds));
        } catch (SQLException e) {
            throw new IllegalStateException("reading a precomputed user vector failed", e);
        }
        (found.isPresent() ? used : encoded).increment();
        return found;
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("semrec.user.vectors")
                .description("Known users' queries of models with precomputed vectors, by where the query vector came from")
                .tag("result", result)
                .register(registry);
    }
}
