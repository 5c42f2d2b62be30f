package io.semrec.jobs;

import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.semrec.catalog.CatalogSettings;
import io.restassured.response.Response;
import io.semrec.api.Problem;
import io.semrec.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A catalog's retrain settings are checked against cron syntax and the method's declaration. */
@QuarkusTest
class RetrainSettingsTest {

    @Test
    void validSettingsAreStoredAndAScheduleCanBeTurnedOff() {
        String slug = Api.createCatalog("retrain-ok");
        patch(slug, Map.of("retrainSchedule", "30 2 * * 1", "defaultMethod", TestMethods.TOY,
                "defaultParams", Map.of("epochs", 3)))
                .then().statusCode(200)
                .body("settings.retrainSchedule", equalTo("30 2 * * 1"))
                .body("settings.defaultMethod", equalTo(TestMethods.TOY))
                .body("settings.defaultParams.epochs", equalTo(3))
                .body("settings.efSearch", equalTo(CatalogSettings.DEFAULT_EF_SEARCH));
        patch(slug, Map.of("efSearch", 80)).then().statusCode(200)
                .body("settings.retrainSchedule", equalTo("30 2 * * 1"))
                .body("settings.efSearch", equalTo(80));
        patch(slug, Map.of("retrainSchedule", "")).then().statusCode(200)
                .body("settings.retrainSchedule", nullValue())
                .body("settings.defaultMethod", equalTo(TestMethods.TOY));
    }

    @Test
    void invalidSettingsNameTheField() {
        String slug = Api.createCatalog("retrain-bad");
        rejected(slug, Map.of("retrainSchedule", "nightly", "defaultMethod", TestMethods.TOY),
                "settings.retrainSchedule", "cron");
        rejected(slug, Map.of("retrainSchedule", "0 3 * * *"), "settings.defaultMethod", "required");
        rejected(slug, Map.of("defaultMethod", "no-such-method"), "settings.defaultMethod", "unknown method");
        rejected(slug, Map.of("defaultMethod", TestMethods.TOY, "defaultParams", Map.of("epochs", 0)),
                "settings.defaultParams.epochs", "must be between 1 and 100");
        rejected(slug, Map.of("defaultParams", Map.of("epochs", 2)), "settings.defaultParams", "defaultMethod");
        admin().contentType(ContentType.JSON)
                .body(Map.of("slug", Api.uniqueSlug("retrain-new"), "name", "x",
                        "settings", Map.of("retrainSchedule", "0 0 * * *")))
                .post("/api/v1/catalogs").then().statusCode(400).body("field", equalTo("settings.defaultMethod"));
    }

    private static Response patch(String slug, Map<String, Object> settings) {
        return admin().contentType(ContentType.JSON).body(Map.of("settings", settings)).patch("/api/v1/catalogs/" + slug);
    }

    private static void rejected(String slug, Map<String, Object> settings, String field, String detail) {
        patch(slug, settings).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo(field))
                .body("detail", containsString(detail));
    }
}
