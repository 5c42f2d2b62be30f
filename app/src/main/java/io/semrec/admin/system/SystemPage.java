package io.semrec.admin.system;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.semrec.jobs.WorkerDirectory;
import io.semrec.jobs.WorkerDirectory.WorkerView;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * System health: the readiness checks of {@code /q/health/ready} (database, pgvector) and the
 * training workers' job slots, refreshed live.
 */
@Path("/admin/system")
@Produces(MediaType.TEXT_HTML)
public class SystemPage {

    /** One readiness check as the page shows it. */
    public record Check(String name, boolean up, List<Detail> details) {
    }

    /** One item of a check's data, such as the pgvector version. */
    public record Detail(String name, String value) {
    }

    @CheckedTemplate(basePath = "system")
    static class Templates {
        static native TemplateInstance page(List<Check> checks, List<WorkerView> workers);

        static native TemplateInstance page$checks(List<Check> checks);

        static native TemplateInstance page$workers(List<WorkerView> workers);
    }

    @Inject
    SmallRyeHealthReporter health;

    @Inject
    WorkerDirectory workers;

    @GET
    public TemplateInstance page() {
        return Templates.page(readiness(), workers.slots());
    }

    /** The worker slots alone, for the page to poll. */
    @GET
    @Path("workers")
    public TemplateInstance workers() {
        return Templates.page$workers(workers.slots());
    }

    /** The checks alone, for the page to poll. */
    @GET
    @Path("checks")
    public TemplateInstance checks() {
        return Templates.page$checks(readiness());
    }

    private List<Check> readiness() {
        return health.getReadiness().getPayload().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(SystemPage::check)
                .toList();
    }

    private static Check check(JsonObject json) {
        JsonObject data = json.getJsonObject("data");
        List<Detail> details = data == null ? List.of() : data.entrySet().stream()
                .map(e -> new Detail(e.getKey(), text(e.getValue())))
                .toList();
        return new Check(json.getString("name"), "UP".equals(json.getString("status")), details);
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
