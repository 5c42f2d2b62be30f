package io.semrec.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.Cookies;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared helpers for admin UI tests: signing in without a browser and reading a page's CSRF token. */
public final class AdminUi {

    /** Match {@code semrec.admin-ui.initial-user} (default) and {@code %test.semrec.admin-ui.initial-password}. */
    public static final String USER = "admin";
    public static final String PASSWORD = "test-admin-password";
    public static final String CSRF_FIELD = "csrf-token";

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"" + CSRF_FIELD + "\" value=\"([^\"]+)\"");

    private AdminUi() {
    }

    /** Signs in through the sign-in form and returns the session cookie. */
    public static Cookies signIn() {
        Response response = given().redirects().follow(false)
                .formParam("username", USER)
                .formParam("password", PASSWORD)
                .post("/admin/sign-in");
        response.then().statusCode(302);
        return response.detailedCookies();
    }

    /** A request of a signed-in operator that does not follow redirects. */
    public static RequestSpecification as(Cookies cookies) {
        return given().redirects().follow(false).cookies(cookies);
    }

    /** The CSRF token of the first form on a page. */
    public static String csrfToken(String html) {
        Matcher matcher = CSRF_INPUT.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token on the page");
        }
        return matcher.group(1);
    }
}
