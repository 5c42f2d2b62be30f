package io.semrec.admin.signin;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.semrec.auth.AdminUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Admin UI users: password checks and the first user. */
@ApplicationScoped
public class AdminUsers {

    /** The security role every signed-in admin UI user has; API keys never get it. */
    public static final String ROLE = "admin-ui";

    // Checked when the user does not exist, so a wrong name costs as long as a wrong password.
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such user");

    private final EntityManager em;

    AdminUsers(EntityManager em) {
        this.em = em;
    }

    /** The identity of {@code username} if {@code password} is theirs. */
    @Transactional
    public Optional<SecurityIdentity> signIn(String username, String password) {
        Optional<AdminUser> user = AdminUser.findByUsername(username);
        boolean matches = BcryptUtil.matches(password, user.map(u -> u.passwordHash).orElse(DUMMY_HASH));
        return user.filter(u -> matches).map(u -> identity(u.username));
    }

    /** The identity of a signed-in session, as long as its user still exists. */
    @Transactional
    public Optional<SecurityIdentity> resume(String username) {
        return AdminUser.findByUsername(username).map(u -> identity(u.username));
    }

    /**
     * Creates the first admin user unless one exists. The table lock makes replicas that start
     * together agree on who creates it.
     *
     * @return whether this call created it
     */
    @Transactional
    public boolean createFirst(String username, String password) {
        em.createNativeQuery("LOCK TABLE admin_user IN EXCLUSIVE MODE").executeUpdate();
        if (AdminUser.count() > 0) {
            return false;
        }
        AdminUser user = new AdminUser();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.persist();
        return true;
    }

    private static SecurityIdentity identity(String username) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRole(ROLE)
                .build();
    }
}
