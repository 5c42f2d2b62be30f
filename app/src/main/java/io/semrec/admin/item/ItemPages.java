package io.semrec.admin.item;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.semrec.admin.AdminUiConfig;
import io.semrec.api.Page;
import io.semrec.api.PageRequest;
import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import io.semrec.catalog.CatalogService;
import io.semrec.catalog.CatalogView;
import io.semrec.ingest.ItemService;
import io.semrec.ingest.ItemService.SearchMode;
import io.semrec.ingest.ItemView;
import io.semrec.serving.RecommendationQuery;
import io.semrec.serving.RecommendationService;
import io.semrec.serving.Recommendations;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A catalog's items: browse and search them (by title, any attribute or id prefix, a page at a time), and see one
 * with its attributes and its nearest neighbours under the active model. The neighbours come from
 * the serving code's "similar items" and load after the page, as loading a model can take a while.
 */
@Path(ItemPages.PATH)
@Produces(MediaType.TEXT_HTML)
public class ItemPages {

    static final String PATH = "/admin/catalogs/{slug}/items";
    /** How many neighbours an item page lists. */
    static final int NEIGHBOURS = 10;

    @CheckedTemplate(basePath = "items")
    static class Templates {
        static native TemplateInstance list(CatalogView catalog, ItemSearch search, Page<ItemView> page, boolean firstPage);

        static native TemplateInstance detail(CatalogView catalog, ItemView item, Neighbours neighbours);

        static native TemplateInstance detail$neighbours(CatalogView catalog, ItemView item, Neighbours neighbours);
    }

    /** The search as typed; {@code by} is title, attributes or id; {@code query} is its URL form for the pager. */
    public record ItemSearch(String q, String by, String query) {

        private static final Map<String, SearchMode> MODES = Map.of(
                "title", SearchMode.TITLE, "attributes", SearchMode.ATTRIBUTES, "id", SearchMode.ID_PREFIX);

        static ItemSearch of(String q, String by) {
            String text = q == null ? "" : q.strip();
            String mode = by != null && MODES.containsKey(by) ? by : "title";
            String query = text.isEmpty() ? null : "by=" + mode + "&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
            return new ItemSearch(text, mode, query);
        }

        SearchMode mode() {
            return MODES.get(by);
        }
    }

    /**
     * An item's neighbours, or why it has none.
     *
     * @param modelId the active model; null when the catalog has none
     * @param hasVector whether the model has a vector for the item (items added since it was built have none)
     * @param items the neighbours, best first
     */
    public record Neighbours(Long modelId, boolean hasVector, List<RankedItem> items) {
    }

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogDirectory directory;

    @Inject
    ItemService items;

    @Inject
    RecommendationService recommendations;

    @Inject
    RankedItems ranked;

    @Inject
    AdminUiConfig config;

    @GET
    public TemplateInstance list(@RestPath String slug, @RestQuery String q, @RestQuery String by,
            @RestQuery String after) throws SQLException {
        CatalogRef ref = directory.require(slug);
        ItemSearch search = ItemSearch.of(q, by);
        Page<ItemView> page = items.search(ref, search.mode(), search.q(), PageRequest.of(config.pageSize(), after));
        return Templates.list(catalogs.summary(ref), search, page, after == null);
    }

    @GET
    @Path("{item}")
    public TemplateInstance detail(@RestPath String slug, @RestPath String item) throws SQLException {
        CatalogRef ref = directory.require(slug);
        return Templates.detail(catalogs.summary(ref), items.get(ref, item), null);
    }

    /** The neighbours for htmx to put into the item page; without JavaScript, the whole page with them. */
    @GET
    @Path("{item}/neighbours")
    public TemplateInstance neighbours(@RestPath String slug, @RestPath String item,
            @RestHeader("HX-Request") boolean htmx) throws SQLException {
        CatalogRef ref = directory.require(slug);
        ItemView shown = items.get(ref, item);
        Neighbours neighbours = new Neighbours(null, false, List.of());
        if (ref.activeModelId() != null) {
            Recommendations similar = recommendations.similar(ref, item, RecommendationQuery.of(NEIGHBOURS, true, List.of()))
                    .await().indefinitely();
            // Without a vector for the item, serving falls back to popular items: those are no neighbours.
            boolean hasVector = similar.source() == Recommendations.Source.MODEL;
            neighbours = new Neighbours(ref.activeModelId(), hasVector,
                    hasVector ? ranked.of(ref, similar) : List.of());
        }
        CatalogView catalog = catalogs.summary(ref);
        return htmx ? Templates.detail$neighbours(catalog, shown, neighbours) : Templates.detail(catalog, shown, neighbours);
    }
}
