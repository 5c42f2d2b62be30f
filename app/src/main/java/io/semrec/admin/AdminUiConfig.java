package io.semrec.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the admin web UI ({@code semrec.admin-ui.*}). */
@ConfigMapping(prefix = "semrec.admin-ui")
public interface AdminUiConfig {

    /** Name of the admin user created at first start, when the database has none. */
    @WithDefault("admin")
    String initialUser();

    /** That user's password; when absent, one is generated and printed once in the log. */
    Optional<String> initialPassword();

    /** Rows per page in the UI's lists. */
    @WithDefault("25")
    int pageSize();

    /**
     * How often a job page's live stream reads the job (a short read each time; no connection is held
     * in between).
     */
    @WithDefault("1s")
    Duration jobRefresh();
}
