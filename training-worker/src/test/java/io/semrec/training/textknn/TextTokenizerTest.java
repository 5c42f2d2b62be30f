package io.semrec.training.textknn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semrec.training.data.ItemText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {

    @Test
    void lowercasesSplitsOnNonAlphanumericsAndDropsSingleCharacters() {
        assertEquals(List.of("stanley", "tra708t", "sharpshooter", "inch", "staples", "1000", "count"),
                TextTokenizer.tokenize("Stanley TRA708T Sharpshooter 1/2-Inch Staples (1000 Count) a"));
        assertEquals(List.of("café", "über"), TextTokenizer.tokenize("Café,über;é"));
        assertEquals(List.of(), TextTokenizer.tokenize(" -- / "));
    }

    @Test
    void itemTextJoinsChosenAttributesInOrder() {
        Map<String, Object> attributes = Map.of(
                "title", "Staple Gun", "brand", "Stanley", "tags", List.of("tools", 3), "price", 9.5,
                "specs", Map.of("size", "large"));
        assertEquals("Stanley Staple Gun", ItemText.of(attributes, List.of("brand", "title", "missing")));
        assertEquals("tools 3 9.5 large", ItemText.of(attributes, List.of("tags", "price", "specs")));
    }
}
