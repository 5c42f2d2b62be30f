package io.semrec.serving;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serving queries go through the reactive PostgreSQL client, everything else through JDBC; both must
 * reach the same database. Operators configure one URL, {@code quarkus.datasource.jdbc.url}, so the
 * reactive URL is derived from it unless {@code quarkus.datasource.reactive.url} is set explicitly.
 * The derived value's ordinal, {@value #ORDINAL}, is below every source where operators set properties
 * (properties files 100 and 250, environment 300, system properties 400), so any explicit value wins;
 * and above the defaults Quarkus records at build time, which hold the URL derived from the build's own
 * configuration and would otherwise shadow the one derived at startup from the environment.
 */
public class ReactiveUrlFromJdbc implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final int ORDINAL = 50;
    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue jdbc = context.getValue(JDBC_URL);
        String reactive = jdbc == null ? null : reactiveUrl(jdbc.getValue());
        if (reactive == null) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(REACTIVE_URL, reactive), "reactive URL from " + JDBC_URL,
                ORDINAL));
    }

    /**
     * {@code jdbc:postgresql://host:port/db?params} as the reactive client's {@code postgresql://host:port/db?params}
     * (it reads the host, port, database, user, password and sslmode the same way); null for other JDBC URL forms,
     * which then need {@code quarkus.datasource.reactive.url} set explicitly.
     */
    static String reactiveUrl(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_PREFIX)) {
            return null;
        }
        return jdbcUrl.substring("jdbc:".length());
    }
}
