package io.semrec.admin.tryit;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.semrec.admin.item.RankedItem;
import io.semrec.admin.item.RankedItems;
import io.semrec.api.PageRequest;
import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogService;
import io.semrec.catalog.CatalogView;
import io.semrec.ingest.ItemService;
import io.semrec.ingest.ItemService.SearchMode;
import io.semrec.ingest.ItemView;
import io.semrec.model.ModelService;
import io.semrec.model.ModelView;
import io.semrec.serving.RecommendationQuery;
import io.semrec.serving.RecommendationService;
import io.semrec.serving.Recommendations;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Try it: a short history, built by picking items, and what the active model and one other model of
 * the catalog recommend for it, side by side. Recommendations come from the serving code's session
 * path, the same as {@code POST .../recommendations}. The page is a GET form, so every state has an
 * address and it works without JavaScript; with it, the item field suggests items as you type.
 */
@Path(TryItPage.PATH)
@Produces(MediaType.TEXT_HTML)
public class TryItPage {

    static final String PATH = "/admin/catalogs/{slug}/try-it";
    /** How many items each model recommends, and how many items the item field suggests. */
    static final int RECOMMENDED = 10;
    static final int SUGGESTED = 8;

    @CheckedTemplate(basePath = "tryit")
    static class Templates {
        static native TemplateInstance page(CatalogView catalog, TryItForm form, List<HistoryItem> history,
                List<ItemView> choices, List<ModelView> otherModels, Long comparedId, Column active, Column compared);

        static native TemplateInstance suggestions(List<ItemView> items);
    }

    /** One item of the history: its id and, when the catalog has it, the item. */
    public record HistoryItem(String itemId, ItemView item) {
    }

    /**
     * What one model recommends for the history.
     *
     * @param model the model asked; null for the active model when the catalog has none
     * @param popular whether the popularity ranking answered instead (no model, or no history item with a vector)
     */
    public record Column(ModelView model, boolean popular, List<RankedItem> items) {
    }

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogDirectory directory;

    @Inject
    ItemService items;

    @Inject
    ModelService models;

    @Inject
    RecommendationService recommendations;

    @Inject
    RankedItems ranked;

    /**
     * @param add an item id, or text to find one: an exact id joins the history, anything else lists
     *        the matching items to choose from
     * @param remove the position of a history item to take out
     * @param model the model to compare with; absent: the newest other model, empty: none
     */
    @GET
    public Response page(@RestPath String slug, @RestQuery List<String> history, @RestQuery String add,
            @RestQuery Integer remove, @RestQuery String model) throws SQLException {
        CatalogRef ref = directory.require(slug);
        TryItForm form = TryItForm.of(history, add, remove, model);
        List<ItemView> choices = List.of();
        if (form.adding() != null) {
            if (!items.find(ref, List.of(form.adding())).isEmpty()) {
                return Response.seeOther(URI.create(form.withAdded().address(slug))).build();
            }
            choices = matching(ref, form.adding(), SUGGESTED);
        } else if (form.removed()) {
            return Response.seeOther(URI.create(form.address(slug))).build();
        }
        List<ModelView> all = models.list(ref, PageRequest.of(PageRequest.MAX_LIMIT, null)).items();
        List<ModelView> others = all.stream().filter(m -> !m.active())
                .sorted(Comparator.comparingLong(ModelView::id).reversed()).toList();
        Long comparedId = form.comparedModel(others.stream().map(ModelView::id).findFirst());
        Column active = null;
        Column compared = null;
        if (!form.history().isEmpty()) {
            RecommendationQuery query = RecommendationQuery.of(RECOMMENDED, true, List.of());
            active = column(ref, all.stream().filter(ModelView::active).findFirst().orElse(null),
                    recommendations.forSession(ref, form.history(), query).await().indefinitely());
            if (comparedId != null) {
                ModelView chosen = models.get(ref, comparedId);
                compared = column(ref, chosen,
                        recommendations.forSession(ref, comparedId, form.history(), query).await().indefinitely());
            }
        }
        return Response.ok(Templates.page(catalogs.summary(ref), form, historyItems(ref, form.history()), choices, others,
                comparedId, active, compared)).build();
    }

    /** Items matching what is typed into the item field, for its suggestion list (htmx). */
    @GET
    @Path("suggestions")
    public TemplateInstance suggestions(@RestPath String slug, @RestQuery String add) throws SQLException {
        CatalogRef ref = directory.require(slug);
        return Templates.suggestions(add == null || add.isBlank() ? List.of() : matching(ref, add.strip(), SUGGESTED));
    }

    /** Items whose id starts with the text first, then items whose title holds its words: both indexed, for every keystroke. */
    private List<ItemView> matching(CatalogRef ref, String text, int limit) throws SQLException {
        Map<String, ItemView> found = new LinkedHashMap<>();
        for (SearchMode mode : List.of(SearchMode.ID_PREFIX, SearchMode.TITLE)) {
            items.search(ref, mode, text, PageRequest.of(limit, null)).items()
                    .forEach(item -> found.putIfAbsent(item.itemId(), item));
        }
        return new ArrayList<>(found.values()).subList(0, Math.min(limit, found.size()));
    }

    private List<HistoryItem> historyItems(CatalogRef ref, List<String> history) throws SQLException {
        Map<String, ItemView> found = items.find(ref, history);
        return history.stream().map(id -> new HistoryItem(id, found.get(id))).toList();
    }

    private Column column(CatalogRef ref, ModelView model, Recommendations answer) throws SQLException {
        return new Column(model, answer.source() == Recommendations.Source.POPULARITY, ranked.of(ref, answer));
    }
}
