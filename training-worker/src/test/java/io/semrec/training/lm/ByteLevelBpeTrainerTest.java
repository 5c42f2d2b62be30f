package io.semrec.training.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.training.support.SharedDatasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java-trained byte-level BPE, run by DJL's Hugging Face tokenizer, on real item titles. */
class ByteLevelBpeTrainerTest {

    private static final int VOCAB = 1000;

    @Test
    void roundTripsRealTitlesExactlyAndCompressesThem(@TempDir Path dir) throws IOException {
        List<String> office = SharedDatasets.items("amazon-office", 400, List.of("title"));
        List<String> scientific = SharedDatasets.items("amazon-scientific", 100, List.of("title", "brand"));
        ByteLevelBpeTrainer.Trained trained = ByteLevelBpeTrainer.train(office.subList(0, 300), VOCAB);
        assertEquals(VOCAB, trained.vocabSize());
        LmTokenizer tokenizer = load(dir, trained);
        assertEquals(0, tokenizer.eosId());

        long tokens = 0;
        long bytes = 0;
        // Titles it was trained on, titles it never saw, another catalog's text, and non-ASCII text.
        List<String> texts = Stream.of(office, scientific, List.of("Café crème — 50 µm, 3×5\" Karteikarten ✓"))
                .flatMap(List::stream).toList();
        for (String text : texts) {
            long[] ids = tokenizer.encode(text, 10_000);
            assertEquals(text, tokenizer.decode(ids));
            assertTrue(ids.length > 0 && Arrays.stream(ids).allMatch(id -> id > 0 && id < VOCAB));
            tokens += ids.length;
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
        }
        assertTrue(tokens * 2 < bytes, tokens + " tokens for " + bytes + " bytes");
        assertEquals(5, tokenizer.encode(office.get(0), 5).length);
    }

    @Test
    void trainingIsDeterministicAndStopsWhenPairsRunOut() {
        List<String> texts = SharedDatasets.items("amazon-office", 50, List.of("title"));
        assertEquals(ByteLevelBpeTrainer.train(texts, 600).json(), ByteLevelBpeTrainer.train(texts, 600).json());
        ByteLevelBpeTrainer.Trained tiny = ByteLevelBpeTrainer.train(List.of("ab ab"), 10_000);
        // "ab", " a", " ab" (or similar): far fewer than asked.
        assertTrue(tiny.vocabSize() < 262, "vocab " + tiny.vocabSize());
    }

    private static LmTokenizer load(Path dir, ByteLevelBpeTrainer.Trained trained) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, trained.json());
        return HfLmTokenizer.load(file, ByteLevelBpeTrainer.END_OF_TEXT, ByteLevelBpeTrainer.END_OF_TEXT,
                ByteLevelBpeTrainer.END_OF_TEXT);
    }
}
