package io.semrec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semrec.ingest.ItemService.SearchMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemSearchPatternsTest {

    @Test
    void idPrefixIsOnePatternAnchoredAtTheStart() {
        assertEquals(List.of("pen-%"), ItemService.patterns(SearchMode.ID_PREFIX, "pen-"));
    }

    @Test
    void textIsOnePatternPerWord() {
        assertEquals(List.of("%cordless%", "%phone%"), ItemService.patterns(SearchMode.TITLE, "cordless   phone"));
        assertEquals(ItemService.MAX_SEARCH_WORDS,
                ItemService.patterns(SearchMode.ATTRIBUTES, "a b c d e f g h i j k").size());
    }

    @Test
    void likeWildcardsAndTheEscapeCharacterAreLiterals() {
        assertEquals(List.of("100\\%%"), ItemService.patterns(SearchMode.ID_PREFIX, "100%"));
        assertEquals(List.of("%a\\_b%", "%c\\\\d%"), ItemService.patterns(SearchMode.TITLE, "a_b c\\d"));
    }

    @Test
    void blankQueryMatchesEverything() {
        assertEquals(List.of(), ItemService.patterns(SearchMode.TITLE, ""));
    }
}
