package io.semrec.admin.signin;

import io.quarkus.runtime.StartupEvent;
import io.semrec.admin.AdminUiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Makes sure someone can sign in: on a database without admin users, creates the configured one,
 * or one with a generated password that is printed once.
 */
@ApplicationScoped
public class InitialAdminUser {

    private static final Logger LOG = Logger.getLogger(InitialAdminUser.class);
    private static final int GENERATED_PASSWORD_BYTES = 18;

    @Inject
    AdminUsers users;

    @Inject
    AdminUiConfig config;

    void create(@Observes StartupEvent event) {
        String username = config.initialUser();
        boolean generated = config.initialPassword().filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? generatePassword() : config.initialPassword().get();
        if (!users.createFirst(username, password)) {
            return;
        }
        if (generated) {
            LOG.warnf("Admin UI: created user '%s' with the generated password %s (shown only now; "
                    + "set semrec.admin-ui.initial-password to choose one)", username, password);
        } else {
            LOG.infof("Admin UI: created user '%s' from semrec.admin-ui.initial-user/initial-password", username);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
