package io.semrec.demo;

/** One catalog item, with the fields of the items.jsonl files under shared/datasets. */
public record DemoItem(String itemId, String title, String brand, String categories, String description) {

    /** One items.jsonl line; keys in the same order (and with the same spacing) as the real datasets. */
    String toJsonLine() {
        return "{\"item_id\": " + Json.quote(itemId)
                + ", \"title\": " + Json.quote(title)
                + ", \"description\": " + Json.quote(description)
                + ", \"brand\": " + Json.quote(brand)
                + ", \"categories\": " + Json.quote(categories) + "}";
    }
}
