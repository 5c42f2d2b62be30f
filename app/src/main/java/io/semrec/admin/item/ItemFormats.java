package io.semrec.admin.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateExtension;
import io.semrec.ingest.ItemView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the admin templates show items: {@code {item.title}}, {@code {item.attributeList}}, {@code {id.pathSegment}}. */
@TemplateExtension
public class ItemFormats {

    /** The attribute shown as an item's name, when it has one. */
    static final String TITLE = "title";

    /** One attribute as text: strings as they are, anything else as JSON. */
    public record Attribute(String name, String value) {
    }

    private ItemFormats() {
    }

    /** The item's title attribute, or null when it has none. */
    static String title(ItemView item) {
        JsonNode title = item.attributes().get(TITLE);
        return title != null && title.isTextual() && !title.asText().isBlank() ? title.asText() : null;
    }

    static List<Attribute> attributeList(ItemView item) {
        List<Attribute> attributes = new ArrayList<>();
        item.attributes().fields().forEachRemaining(field -> attributes.add(new Attribute(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString())));
        return attributes;
    }

    /** An item id as one segment of a page's path (ids may hold slashes and spaces). */
    static String pathSegment(String itemId) {
        return URLEncoder.encode(itemId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A similarity score as shown: three decimals. */
    static String rounded(double score) {
        return String.format(Locale.ROOT, "%.3f", score);
    }
}
