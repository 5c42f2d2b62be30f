package io.semrec.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import io.semrec.admin.signin.AdminUsers;
import io.semrec.api.Problem;
import io.semrec.auth.AdminUser;
import io.semrec.support.AdminUi;
import io.semrec.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Sign-in, the split between form sessions (/admin) and API keys (/api), and CSRF refusals. */
@QuarkusTest
class AdminSecurityTest {

    @Inject
    AdminUsers users;

    @Test
    void signedOutVisitorIsSentToSignIn() {
        given().redirects().follow(false).get("/admin/catalogs")
                .then().statusCode(302).header("Location", endsWith("/admin/sign-in"));
        given().redirects().follow(false).get("/admin")
                .then().statusCode(302).header("Location", endsWith("/admin/sign-in"));
        given().get("/admin/sign-in").then().statusCode(200).body(containsString("<h1>Sign in</h1>"));
    }

    @Test
    void wrongPasswordReturnsToTheForm() {
        given().redirects().follow(false)
                .formParam("username", AdminUi.USER).formParam("password", "not the password")
                .post("/admin/sign-in")
                .then().statusCode(302).header("Location", endsWith("/admin/sign-in?failed=true"));
        given().get("/admin/sign-in?failed=true").then().statusCode(200)
                .body(containsString("The user name or the password is wrong."));
    }

    @Test
    void signInFromAnotherSiteIsRefused() {
        given().redirects().follow(false).header("Sec-Fetch-Site", "cross-site")
                .formParam("username", AdminUi.USER).formParam("password", AdminUi.PASSWORD)
                .post("/admin/sign-in")
                .then().statusCode(403);
    }

    @Test
    void sessionsAndApiKeysEachOpenOnlyTheirOwnDoor() {
        Cookies session = AdminUi.signIn();
        AdminUi.as(session).get("/admin/catalogs").then().statusCode(200);
        // The browser session is no API credential...
        given().cookies(session).get("/api/v1/catalogs")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE).body("status", equalTo(401));
        // ...and an API key opens no admin page.
        Api.admin().redirects().follow(false).get("/admin/catalogs")
                .then().statusCode(302).header("Location", endsWith("/admin/sign-in"));
    }

    @Test
    void formWithoutCsrfTokenIsRefused() {
        Cookies session = AdminUi.signIn();
        Response form = AdminUi.as(session).get("/admin/catalogs/_new");
        form.then().statusCode(200);
        Cookies csrfCookie = form.detailedCookies();
        String token = AdminUi.csrfToken(form.asString());
        String refused = Api.uniqueSlug("csrf");
        String accepted = Api.uniqueSlug("csrf");

        AdminUi.as(session).cookies(csrfCookie).formParam("slug", refused).formParam("name", "No token")
                .post("/admin/catalogs")
                .then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("The form could not be verified"));
        AdminUi.as(session).cookies(csrfCookie).formParam("slug", refused).formParam("name", "Wrong token")
                .formParam(AdminUi.CSRF_FIELD, token.substring(1) + "A")
                .post("/admin/catalogs")
                .then().statusCode(400);
        Api.admin().get("/api/v1/catalogs/" + refused).then().statusCode(404);

        // The same form with its token goes through: the token was all that was missing.
        AdminUi.as(session).cookies(csrfCookie).formParam("slug", accepted).formParam("name", "With token")
                .formParam(AdminUi.CSRF_FIELD, token)
                .post("/admin/catalogs")
                .then().statusCode(303).header("Location", endsWith("/admin/catalogs/" + accepted + "?notice=catalog-created"));
        Api.admin().get("/api/v1/catalogs/" + accepted).then().statusCode(200).body("name", equalTo("With token"));
    }

    @Test
    void bodilessPostIsRefused() {
        Cookies session = AdminUi.signIn();
        AdminUi.as(session).post("/admin/sign-out").then().statusCode(400);
        AdminUi.as(session).get("/admin/catalogs").then().statusCode(200);
    }

    @Test
    void apiResponsesSetNoCookie() {
        // The CSRF token belongs to the admin UI only (bodiless, form-typed API posts are in ModelResourceTest).
        String slug = Api.createCatalog("nocsrf");
        Api.admin().get("/api/v1/catalogs/" + slug).then().statusCode(200).header("Set-Cookie", nullValue());
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String hash = QuarkusTransaction.requiringNew()
                .call(() -> AdminUser.findByUsername(AdminUi.USER).orElseThrow().passwordHash);
        assertTrue(hash.startsWith("$2"), hash);
        assertNotEquals(AdminUi.PASSWORD, hash);
        assertTrue(BcryptUtil.matches(AdminUi.PASSWORD, hash));
    }

    @Test
    void firstUserIsCreatedOnlyOnce() {
        assertFalse(users.createFirst("second-admin", "another password"));
        assertTrue(users.signIn("second-admin", "another password").isEmpty());
    }
}
