package io.semrec.training.recformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.data.DatasetFolderLoader;
import io.semrec.training.data.InteractionDataset;
import io.semrec.training.support.SharedDatasets;
import io.semrec.training.text.PretrainedMiniLm;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key–value tokenisation and sequence assembly on real amazon-office items. */
class RecformerTokenizationTest {

    private static final List<String> ATTRIBUTES = List.of("title", "brand", "categories");

    private static InteractionDataset office;
    private static PretrainedMiniLm miniLm;
    private static KeyValueTokenizer tokenizer;
    /** The plain tokenizer with [CLS]/[SEP], as an independent reference. */
    private static HuggingFaceTokenizer reference;

    @BeforeAll
    static void load() {
        office = DatasetFolderLoader.load(SharedDatasets.require("amazon-office"));
        miniLm = RecformerFixture.miniLm();
        tokenizer = new KeyValueTokenizer(miniLm.tokenizerFile(), ATTRIBUTES, 32);
        reference = miniLm.tokenizer(512);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
        reference.close();
    }

    @Test
    void anItemIsItsKeysAndValuesInOrderEachOfItsOwnType() {
        Map<String, Object> first = office.items().attributes(office.items().indexOfExternalId("0"));
        ItemTokens tokens = tokenizer.item(first);

        int[] expectedIds = concat(
                withoutSpecial("title"), withoutSpecial((String) first.get("title")),
                withoutSpecial("brand"), withoutSpecial((String) first.get("brand")),
                withoutSpecial("categories"), withoutSpecial((String) first.get("categories")));
        assertTrue(expectedIds.length < 3 * 32, "short enough that nothing is cut");
        assertArrayEquals(expectedIds, tokens.ids(), "no separators between keys and values");
        assertEquals("title", reference.decode(toLongs(Arrays.copyOf(tokens.ids(), 1))));
        assertEquals(RecformerArchitecture.KEY, tokens.types()[0]);
        assertEquals(RecformerArchitecture.VALUE, tokens.types()[1]);
        assertTrue(reference.decode(toLongs(tokens.ids())).startsWith("title vtech cs6114 dect 6. 0 cordless phone"),
                reference.decode(toLongs(tokens.ids())));
    }

    @Test
    void eachAttributeIsCutToItsBudget() {
        try (KeyValueTokenizer short8 = new KeyValueTokenizer(miniLm.tokenizerFile(), ATTRIBUTES, 8)) {
            Map<String, Object> first = office.items().attributes(office.items().indexOfExternalId("0"));
            ItemTokens tokens = short8.item(first);
            assertEquals(8 + Math.min(8, attributeLength("brand", first)) + 8, tokens.length());
            ItemTokens full = tokenizer.item(first);
            assertArrayEquals(Arrays.copyOf(full.ids(), 8), Arrays.copyOf(tokens.ids(), 8), "title cut, not dropped");
            int keyAt = 8;
            assertEquals(RecformerArchitecture.KEY, tokens.types()[keyAt], "the brand key follows the cut title");
        }
        for (ItemTokens item : tokenizer.items(office.items())) {
            assertTrue(item.length() <= 3 * 32);
        }
    }

    @Test
    void blankAttributesAreLeftOut() {
        ItemTokens tokens = tokenizer.item(Map.of("title", "stapler", "brand", " ", "categories", ""));
        assertArrayEquals(concat(withoutSpecial("title"), withoutSpecial("stapler")), tokens.ids());
        assertEquals(RecformerArchitecture.KEY, tokens.types()[0]);
        assertTrue(Arrays.stream(tokens.types()).skip(1).allMatch(type -> type == RecformerArchitecture.VALUE));
    }

    @Test
    void continuationPiecesDoNotStartWords() {
        ItemTokens tokens = tokenizer.item(Map.of("title", "cs6114 stapler"));
        String[] pieces = reference.encode("cs6114 stapler", false, false).getTokens();
        assertTrue(Arrays.stream(pieces).anyMatch(piece -> piece.startsWith("##")), Arrays.toString(pieces));
        for (int t = 1; t < tokens.length(); t++) {
            assertEquals(!pieces[t - 1].startsWith("##"), tokens.wordStarts()[t], pieces[t - 1]);
        }
    }

    @Test
    void aSequenceIsClsThenItemsMostRecentFirstWithItemPositions() {
        ItemTokens[] items = tokenizer.items(office.items());
        int[] history = office.histories()[0];
        SequenceAssembler assembler = new SequenceAssembler(tokenizer.clsId(), 50, 10_000);
        TokenSequence sequence = assembler.history(items, history);

        assertEquals(reference.encode("x").getIds()[0], sequence.ids()[0], "[CLS] first");
        assertEquals(RecformerArchitecture.CLS, sequence.types()[0]);
        assertEquals(0, sequence.itemPositions()[0]);
        int at = 1;
        for (int k = 1; k <= Math.min(50, history.length); k++) {
            ItemTokens item = items[history[history.length - k]];
            assertArrayEquals(item.ids(), Arrays.copyOfRange(sequence.ids(), at, at + item.length()));
            assertArrayEquals(item.types(), Arrays.copyOfRange(sequence.types(), at, at + item.length()));
            for (int t = at; t < at + item.length(); t++) {
                assertEquals(k, sequence.itemPositions()[t]);
            }
            at += item.length();
        }
        assertEquals(at, sequence.length());
    }

    @Test
    void theTokenBudgetCutsTheOldestItemsAndMaxItemsBoundsTheCount() {
        ItemTokens[] items = tokenizer.items(office.items());
        int[] history = Arrays.stream(office.histories()).filter(h -> h.length >= 8).findFirst().orElseThrow();
        int newest = items[history[history.length - 1]].length();

        TokenSequence cut = new SequenceAssembler(tokenizer.clsId(), 50, newest + 6).history(items, history);
        assertEquals(newest + 6, cut.length());
        assertEquals(2, cut.itemPositions()[cut.length() - 1], "the second item is cut short");

        TokenSequence two = new SequenceAssembler(tokenizer.clsId(), 2, 10_000).history(items, history);
        assertEquals(1 + newest + items[history[history.length - 2]].length(), two.length());

        TokenSequence prefix = new SequenceAssembler(tokenizer.clsId(), 1, 10_000).history(items, history, 3);
        assertArrayEquals(items[history[2]].ids(), Arrays.copyOfRange(prefix.ids(), 1, prefix.length()),
                "a prefix ends before its end index");
    }

    @Test
    void anItemAloneIsAOneItemSequence() {
        ItemTokens item = tokenizer.items(office.items())[5];
        TokenSequence alone = new SequenceAssembler(tokenizer.clsId(), 50, 1024).item(item);
        assertEquals(1 + item.length(), alone.length());
        assertTrue(Arrays.stream(alone.itemPositions()).skip(1).allMatch(position -> position == 1));
        assertFalse(alone.wordStarts()[0]);
    }

    private static int attributeLength(String key, Map<String, Object> attributes) {
        return Math.min(32, withoutSpecial(key).length + withoutSpecial((String) attributes.get(key)).length);
    }

    private static int[] withoutSpecial(String text) {
        Encoding encoding = reference.encode(text);
        long[] ids = encoding.getIds();
        return Arrays.stream(ids, 1, ids.length - 1).mapToInt(Math::toIntExact).toArray();
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static long[] toLongs(int[] ids) {
        return Arrays.stream(ids).asLongStream().toArray();
    }
}
