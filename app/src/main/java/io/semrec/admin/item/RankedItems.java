package io.semrec.admin.item;

import io.semrec.catalog.CatalogRef;
import io.semrec.ingest.ItemService;
import io.semrec.ingest.ItemView;
import io.semrec.serving.Recommendations;
import io.semrec.serving.ScoredItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A recommendation answer's items with their attributes, in one query, for pages that show titles. */
@ApplicationScoped
public class RankedItems {

    private final ItemService items;

    RankedItems(ItemService items) {
        this.items = items;
    }

    public List<RankedItem> of(CatalogRef catalog, Recommendations answer) throws SQLException {
        Map<String, ItemView> found = items.find(catalog, answer.items().stream().map(ScoredItem::itemId).toList());
        return answer.items().stream()
                .map(scored -> new RankedItem(scored.itemId(), found.get(scored.itemId()), scored.score())).toList();
    }
}
