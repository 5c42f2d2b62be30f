package io.semrec.ingest;

import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.semrec.support.Api;
import io.semrec.support.Datasets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Imports a real dataset from shared/datasets exactly as it is published there. */
@QuarkusTest
class DatasetImportTest {

    @Test
    void amazonOfficeImportsAsPublishedAndReimportsUnchanged() {
        Path office = Datasets.dir(Datasets.OFFICE);
        String slug = Api.createCatalog("office");
        for (int round = 0; round < 2; round++) {
            boolean first = round == 0;
            post(slug, "items", Imports.NDJSON, office.resolve("items.jsonl"))
                    .body("accepted", equalTo(first ? Datasets.OFFICE_ITEMS : 0))
                    .body("unchanged", equalTo(first ? 0 : Datasets.OFFICE_ITEMS))
                    .body("updated", equalTo(0)).body("rejected", equalTo(0)).body("errors", empty());
            post(slug, "events", Imports.CSV, office.resolve("events.csv"))
                    .body("accepted", equalTo(first ? Datasets.OFFICE_EVENTS : 0))
                    .body("unchanged", equalTo(first ? 0 : Datasets.OFFICE_EVENTS))
                    .body("updated", equalTo(0)).body("rejected", equalTo(0));
            admin().get("/api/v1/catalogs/" + slug).then().statusCode(200)
                    .body("counts.items", equalTo(Datasets.OFFICE_ITEMS))
                    .body("counts.availableItems", equalTo(Datasets.OFFICE_ITEMS))
                    .body("counts.events", equalTo(Datasets.OFFICE_EVENTS))
                    .body("counts.users", equalTo(4_905));
        }
        admin().get("/api/v1/catalogs/" + slug + "/items/0").then()
                .body("attributes.brand", equalTo("VTech"))
                .body("attributes.description", equalTo(""));
    }

    private static ValidatableResponse post(String slug, String kind, String type, Path file) {
        return admin().contentType(type).body(file.toFile())
                .post("/api/v1/catalogs/" + slug + "/" + kind).then().statusCode(200);
    }
}
