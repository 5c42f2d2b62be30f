package io.semrec.ingest;

import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.semrec.support.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Imports a real dataset from shared/datasets exactly as it is published there. */
@QuarkusTest
class DatasetImportTest {

    private static final int OFFICE_ITEMS = 2_420;
    private static final int OFFICE_EVENTS = 53_258;

    /** shared/ sits beside the repository (CI, worktrees) or inside it (copied checkouts); tests run in app/. */
    private static Path dataset(String name) {
        return Stream.of("../../shared/datasets", "../shared/datasets")
                .map(dir -> Path.of(dir, name).toAbsolutePath().normalize())
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new AssertionError("dataset " + name + " not found beside the repository"));
    }

    @Test
    void amazonOfficeImportsAsPublishedAndReimportsUnchanged() {
        Path office = dataset("amazon-office");
        String slug = Api.createCatalog("office");
        for (int round = 0; round < 2; round++) {
            boolean first = round == 0;
            post(slug, "items", Imports.NDJSON, office.resolve("items.jsonl"))
                    .body("accepted", equalTo(first ? OFFICE_ITEMS : 0))
                    .body("unchanged", equalTo(first ? 0 : OFFICE_ITEMS))
                    .body("updated", equalTo(0)).body("rejected", equalTo(0)).body("errors", empty());
            post(slug, "events", Imports.CSV, office.resolve("events.csv"))
                    .body("accepted", equalTo(first ? OFFICE_EVENTS : 0))
                    .body("unchanged", equalTo(first ? 0 : OFFICE_EVENTS))
                    .body("updated", equalTo(0)).body("rejected", equalTo(0));
            admin().get("/api/v1/catalogs/" + slug).then().statusCode(200)
                    .body("counts.items", equalTo(OFFICE_ITEMS))
                    .body("counts.availableItems", equalTo(OFFICE_ITEMS))
                    .body("counts.events", equalTo(OFFICE_EVENTS))
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
