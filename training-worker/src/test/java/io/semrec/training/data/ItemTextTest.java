package io.semrec.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemTextTest {

    @Test
    void templateTakesEachAttributeAsWrittenAndCollapsesWhatIsMissing() {
        Map<String, Object> attributes = Map.of("title", "Staple Gun", "categories", List.of("Office", "Tools"),
                "description", "  heavy\nduty ");

        String text = ItemText.fromTemplate(attributes,
                "title: {title} brand: {brand} categories: {categories} description: {description}");

        assertEquals("title: Staple Gun brand: categories: Office Tools description: heavy duty", text);
    }

    @Test
    void replacementsAreLiteral() {
        assertEquals("price: $5 {x}", ItemText.fromTemplate(Map.of("price", "$5", "x", "{x}"), "price: {price} {x}"));
    }
}
