package io.semrec.admin.training;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.semrec.admin.AdminUiConfig;
import io.semrec.admin.Choice;
import io.semrec.admin.FormErrors;
import io.semrec.admin.MethodParameterFields;
import io.semrec.admin.Notice;
import io.semrec.admin.PageJson;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.api.ProblemException;
import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogService;
import io.semrec.catalog.CatalogView;
import io.semrec.jobs.JobStatus;
import io.semrec.jobs.MethodValidation;
import io.semrec.jobs.TrainingJobRequests;
import io.semrec.jobs.TrainingJobService;
import io.semrec.jobs.TrainingJobView;
import io.semrec.training.spec.MethodParameters;
import io.semrec.training.spec.MethodRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Training pages: the job queue, the new-job form generated from each method's declared
 * parameters, and a job's page, which follows the job live.
 */
@Path(TrainingPages.PATH)
@Produces(MediaType.TEXT_HTML)
public class TrainingPages {

    static final String PATH = "/admin/training";
    /** The new-job form's address; the underscore keeps it from ever matching a catalog slug. */
    static final String NEW = "_new";

    @CheckedTemplate(basePath = "training")
    static class Templates {
        static native TemplateInstance queue(Page<TrainingJobView> page, boolean firstPage, List<Choice> catalogs,
                String catalog, List<Choice> statuses, String status, String filters, Notice notice);

        static native TemplateInstance create(JobForm form, List<Choice> catalogs, List<Choice> methods,
                List<Choice> activations, MethodParameters method, List<MethodParameterFields.Field> fields,
                FormErrors errors);

        static native TemplateInstance create$params(MethodParameters method, List<MethodParameterFields.Field> fields,
                FormErrors errors);

        static native TemplateInstance job(JobSummary summary, Map<String, String> params, List<JobCurves.Curve> curves,
                String curvesJson, Notice notice);

        static native TemplateInstance cancel(JobSummary summary);
    }

    @Inject
    TrainingJobService jobs;

    @Inject
    JobUpdates updates;

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogDirectory directory;

    @Inject
    MethodRegistry methods;

    @Inject
    MethodValidation validation;

    @Inject
    Validator validator;

    @Inject
    AdminUiConfig config;

    @Inject
    PageJson json;

    /** The queue, newest first, of every catalog or one, optionally of one status. */
    @GET
    public TemplateInstance queue(@RestQuery String catalog, @RestQuery String status, @RestQuery String after,
            @RestQuery String notice) {
        String onlyCatalog = blankToNull(catalog);
        String onlyStatus = blankToNull(status);
        CatalogRef ref = onlyCatalog == null ? null : directory.require(onlyCatalog);
        Page<TrainingJobView> page = jobs.recent(ref, onlyStatus, PageRequest.of(config.pageSize(), after));
        List<Choice> catalogChoices = new ArrayList<>(List.of(new Choice("", "All catalogs")));
        catalogChoices.addAll(catalogChoices());
        List<Choice> statuses = new ArrayList<>(List.of(new Choice("", "Any status")));
        Arrays.stream(JobStatus.values()).map(s -> Choice.of(s.wireName())).forEach(statuses::add);
        return Templates.queue(page, after == null, catalogChoices, onlyCatalog == null ? "" : onlyCatalog, statuses,
                onlyStatus == null ? "" : onlyStatus, filters(onlyCatalog, onlyStatus), Notice.parse(notice));
    }

    @GET
    @Path(NEW)
    public TemplateInstance createForm(@RestQuery String catalog, @RestQuery String method) {
        return form(JobForm.start(catalog, method), FormErrors.none());
    }

    /** The chosen method's fields with their defaults, for htmx to swap in when the method changes. */
    @GET
    @Path(NEW + "/params")
    public TemplateInstance params(@RestQuery String method) {
        MethodParameters chosen = chosenMethod(method);
        return Templates.create$params(chosen, MethodParameterFields.of(chosen, Map.of()), FormErrors.none());
    }

    /** Without JavaScript, changing the method posts the form here: the same form with that method's fields. */
    @POST
    @Path(NEW)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance changeMethod(MultivaluedMap<String, String> body) {
        JobForm typed = JobForm.of(body);
        return form(typed.withMethod(typed.method()), FormErrors.none());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> body) {
        JobForm form = JobForm.of(body);
        FormErrors errors = FormErrors.none();
        CatalogRef catalog = null;
        if (form.catalog() == null || form.catalog().isEmpty()) {
            errors.add("catalog", "choose a catalog");
        } else {
            catalog = refuseInto(errors, "catalog", () -> directory.require(form.catalog()));
        }
        MethodParameters method = refuseInto(errors, "method", () -> validation.method("method", form.method()));
        Map<String, Object> params = method == null ? Map.of() : MethodParameterFields.parse(method, form.params(), errors);
        TrainingJobRequests.Create request = errors.validate(validator,
                new TrainingJobRequests.Create(form.method(), params, form.activate()));
        if (!errors.any()) {
            CatalogRef target = catalog;
            TrainingJobView created = refuseInto(errors, null, () -> jobs.create(target, request));
            if (created != null) {
                return Notice.JOB_QUEUED.redirect(jobPath(target.slug(), created.id()));
            }
        }
        return FormErrors.refused(form(form, errors));
    }

    @GET
    @Path("{slug}/{id}")
    public TemplateInstance job(@RestPath String slug, @RestPath long id, @RestQuery String notice) {
        CatalogRef catalog = directory.require(slug);
        List<JobCurves.Curve> curves = JobCurves.of(jobs.metrics(catalog, id));
        JobSummary summary = JobSummary.of(jobs.get(catalog, id));
        return Templates.job(summary, MethodParameterFields.text(summary.job().params()), curves, json.of(curves),
                Notice.parse(notice));
    }

    /** Server-sent events: the job's progress and new curve points, until it finishes. */
    @GET
    @Path("{slug}/{id}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<JobUpdates.JobUpdate> live(@RestPath String slug, @RestPath long id) {
        CatalogRef catalog = directory.require(slug);
        jobs.get(catalog, id); // 404 before the stream starts
        return updates.follow(catalog, id);
    }

    @GET
    @Path("{slug}/{id}/cancel")
    public TemplateInstance confirmCancel(@RestPath String slug, @RestPath long id) {
        return Templates.cancel(JobSummary.of(jobs.get(directory.require(slug), id)));
    }

    /** A queued job is cancelled at once, a running one when its worker next checks in. */
    @POST
    @Path("{slug}/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@RestPath String slug, @RestPath long id) {
        TrainingJobView job = jobs.cancel(directory.require(slug), id);
        Notice notice = JobStatus.CANCELLED.wireName().equals(job.status()) ? Notice.JOB_CANCELLED
                : Notice.JOB_CANCEL_REQUESTED;
        return notice.redirect(jobPath(slug, id));
    }

    static String jobPath(String slug, long id) {
        return PATH + "/" + slug + "/" + id;
    }

    private TemplateInstance form(JobForm form, FormErrors errors) {
        MethodParameters method = chosenMethod(form.method());
        JobForm shown = form.method() == null ? form.withMethod(method.method()) : form;
        List<Choice> methodChoices = methods.all().stream().map(m -> Choice.of(m.method())).toList();
        return Templates.create(shown, catalogChoices(), methodChoices, JobForm.ACTIVATIONS, method,
                MethodParameterFields.of(method, form.params()), errors);
    }

    /** The named method, or the first one when the name is missing or unknown. */
    private MethodParameters chosenMethod(String name) {
        return methods.find(name == null ? "" : name).orElse(methods.all().get(0));
    }

    /** Every catalog to choose from; a catalog is a small row and operators have few. */
    private List<Choice> catalogChoices() {
        List<Choice> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<CatalogView> page = catalogs.list(PageRequest.of(PageRequest.MAX_LIMIT, cursor), null);
            page.items().forEach(c -> all.add(new Choice(c.slug(), c.name() + " (" + c.slug() + ")")));
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** Runs a service call; its refusal goes next to {@code field} (or where it points) and gives null. */
    private static <T> T refuseInto(FormErrors errors, String field, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProblemException refused) {
            errors.add(refused, field, JobForm.FIELDS);
            return null;
        }
    }

    /** The query string that keeps the queue's filters across pages, or null without filters. */
    private static String filters(String catalog, String status) {
        List<String> parts = new ArrayList<>();
        if (catalog != null) {
            parts.add("catalog=" + URLEncoder.encode(catalog, StandardCharsets.UTF_8));
        }
        if (status != null) {
            parts.add("status=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
        }
        return parts.isEmpty() ? null : String.join("&", parts);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
