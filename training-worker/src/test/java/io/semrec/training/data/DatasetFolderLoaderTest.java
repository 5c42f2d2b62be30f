package io.semrec.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFolderLoaderTest {

    @Test
    void readsItemsAndOrdersEachUsersEventsBySeq(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("items.jsonl"), """
                {"item_id": "x", "title": "Red pen", "brand": "Acme"}
                {"item_id": "y", "title": "Blue pen", "brand": ""}

                {"item_id": "z", "title": "Ink", "categories": "Office,Ink"}
                """);
        Files.writeString(folder.resolve("events.csv"), """
                user_id,item_id,seq
                u1,y,2
                u2,z,0
                u1,x,0
                u1,z,1
                u2,x,1
                """);
        InteractionDataset dataset = DatasetFolderLoader.load(folder);

        assertEquals(3, dataset.itemCount());
        assertEquals("y", dataset.items().externalId(1));
        assertEquals(2L, dataset.items().internalId(1));
        assertEquals("Ink", dataset.items().attributes(2).get("title"));
        assertEquals(null, dataset.items().attributes(0).get("item_id"));
        assertArrayEquals(new String[] {"u1", "u2"}, dataset.userIds());
        assertArrayEquals(new int[][] {{0, 2, 1}, {2, 0}}, dataset.histories());
        assertEquals(5, dataset.snapshot().eventCount());
        assertEquals(2, dataset.snapshot().userCount());
        assertEquals(3, dataset.snapshot().itemCount());
    }

    @Test
    void rejectsEventsForUnknownItems(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("items.jsonl"), "{\"item_id\": \"x\"}\n");
        Files.writeString(folder.resolve("events.csv"), "user_id,item_id,seq\nu1,nope,0\n");
        assertThrows(UncheckedIOException.class, () -> DatasetFolderLoader.load(folder));
    }
}
