package io.semrec.ingest;

import static io.semrec.ingest.Imports.CSV;
import static io.semrec.ingest.Imports.NDJSON;
import static io.semrec.ingest.Imports.lines;
import static io.semrec.support.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.semrec.support.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventImportTest {

    /** A catalog holding items i1..i3. */
    private static String catalogWithItems(String prefix) {
        String slug = Api.createCatalog(prefix);
        Imports.items(slug, CSV, "item_id\ni1\ni2\ni3\n").statusCode(200).body("accepted", equalTo(3));
        return slug;
    }

    @Test
    void unknownItemsAndBadFieldsAreRejectedByLine() {
        String slug = catalogWithItems("ev-reject");
        Imports.events(slug, CSV, "user_id,item_id,seq,ts\n"
                        + "u1,i1,0,\n"
                        + "u1,nope,1,\n"
                        + "u1,i2,x,\n"
                        + "u1,i2,2,yesterday\n"
                        + "u1,i3,3,2024-05-01T12:00:00Z\n")
                .statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(3))
                .body("errors.line", contains(3, 4, 5))
                .body("errors.reason", contains("unknown item 'nope'", "seq must be a non-negative integer",
                        "ts is neither ISO-8601 nor epoch seconds"));
    }

    @Test
    void sequencedEventsAreUpdatedWhenTheirItemOrTimeChanges() {
        String slug = catalogWithItems("ev-seq");
        String first = lines(
                "{\"user_id\": \"u\", \"item_id\": \"i1\", \"seq\": 0, \"ts\": \"2024-05-01T12:00:00Z\"}",
                "{\"user_id\": \"u\", \"item_id\": \"i2\", \"seq\": 1}");
        Imports.events(slug, NDJSON, first).statusCode(200).body("accepted", equalTo(2));
        Imports.events(slug, NDJSON, first).statusCode(200)
                .body("accepted", equalTo(0)).body("unchanged", equalTo(2));
        Imports.events(slug, NDJSON, lines(
                        "{\"user_id\": \"u\", \"item_id\": \"i1\", \"seq\": 0, \"ts\": 1714564800}",
                        "{\"user_id\": \"u\", \"item_id\": \"i3\", \"seq\": 1}",
                        "{\"user_id\": \"u\", \"item_id\": \"i1\", \"seq\": 0, \"ts\": \"2024-05-01T13:00:00Z\"}"))
                .statusCode(200)
                .body("accepted", equalTo(0)).body("unchanged", equalTo(1)).body("updated", equalTo(2));
        admin().get("/api/v1/catalogs/" + slug + "/users/u/events").then()
                .body("events.itemId", contains("i3", "i1"))
                .body("events[1].occurredAt", equalTo("2024-05-01T13:00:00Z"));
    }

    @Test
    void timedEventsAreIdentifiedByUserItemAndTime() {
        String slug = catalogWithItems("ev-time");
        Imports.events(slug, CSV, "user_id,item_id,ts\nu,i1,2024-05-01T12:00:00Z\nu,i1,2024-05-01T12:00:00Z\nu,i2,1714564800\n")
                .statusCode(200)
                .body("accepted", equalTo(2)).body("unchanged", equalTo(1));
        Imports.events(slug, CSV, "ts,item_id,user_id\n1714564800,i1,u\n2024-05-01 14:00:00+02:00,i2,u\n")
                .statusCode(200)
                .body("accepted", equalTo(0)).body("unchanged", equalTo(2));
        admin().get("/api/v1/catalogs/" + slug).then().body("counts.events", equalTo(2));
    }

    @Test
    void historyIsMostRecentFirstWithUnsequencedEventsLast() {
        String slug = catalogWithItems("ev-history");
        Imports.events(slug, NDJSON, lines(
                        "{\"user_id\": \"u\", \"item_id\": \"i1\", \"seq\": 0}",
                        "{\"user_id\": \"u\", \"item_id\": \"i2\", \"seq\": 5}",
                        "{\"user_id\": \"u\", \"item_id\": \"i3\", \"ts\": \"2024-05-02T00:00:00Z\"}",
                        "{\"user_id\": \"u\", \"item_id\": \"i1\", \"ts\": \"2024-05-03T00:00:00Z\"}",
                        "{\"user_id\": \"other\", \"item_id\": \"i1\", \"seq\": 9}"))
                .statusCode(200).body("accepted", equalTo(5));
        admin().get("/api/v1/catalogs/" + slug + "/users/u/events").then().statusCode(200)
                .body("userId", equalTo("u"))
                .body("events.itemId", contains("i2", "i1", "i1", "i3"))
                .body("events.seq", contains(5, 0, null, null))
                .body("events[0].occurredAt", nullValue());
        admin().queryParam("limit", 1).get("/api/v1/catalogs/" + slug + "/users/u/events").then()
                .body("events.itemId", contains("i2"));
        admin().queryParam("limit", 0).get("/api/v1/catalogs/" + slug + "/users/u/events").then().statusCode(400);
    }

    @Test
    void erasingAUserRemovesOnlyTheirEvents() {
        String slug = catalogWithItems("ev-erase");
        Imports.events(slug, CSV, "user_id,item_id,seq\ngone,i1,0\ngone,i2,1\nstays,i1,0\n").statusCode(200);
        admin().delete("/api/v1/catalogs/" + slug + "/users/gone").then().statusCode(200).body("deleted", equalTo(2));
        admin().get("/api/v1/catalogs/" + slug + "/users/gone/events").then().body("events", empty());
        admin().get("/api/v1/catalogs/" + slug + "/users/stays/events").then().body("events.itemId", contains("i1"));
        admin().get("/api/v1/catalogs/" + slug).then().body("counts.events", equalTo(1)).body("counts.items", equalTo(3));
        admin().delete("/api/v1/catalogs/" + slug + "/users/gone").then().statusCode(200).body("deleted", equalTo(0));
    }

    @Test
    void aRepeatedSequenceNumberInOneFileAppliesInOrder() {
        String slug = catalogWithItems("ev-repeat");
        Imports.events(slug, CSV, "user_id,item_id,seq\nu,i1,0\nu,i2,0\nu,i3,1\n").statusCode(200)
                .body("accepted", equalTo(2)).body("updated", equalTo(1));
        admin().get("/api/v1/catalogs/" + slug + "/users/u/events").then().body("events.itemId", contains("i3", "i2"));
    }
}
