package io.semrec.admin;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token of the admin UI's forms ({@code inject:csrf.token} in templates), kept in an
 * HttpOnly cookie scoped to {@code /admin}; {@link CsrfCheck} compares the two on every write.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    public static final String FIELD = "csrf-token";
    static final String COOKIE = "semrec-csrf";
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RoutingContext routing;

    private String token;

    public String getParameterName() {
        return FIELD;
    }

    /** This browser's token; the first page that asks for it sets the cookie. */
    public String getToken() {
        if (token == null) {
            Cookie cookie = routing.request().getCookie(COOKIE);
            token = cookie != null ? cookie.getValue() : issue();
        }
        return token;
    }

    private String issue() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        routing.response().addCookie(Cookie.cookie(COOKIE, value)
                .setPath(AdminHome.ROOT).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(routing.request().isSSL()));
        return value;
    }
}
