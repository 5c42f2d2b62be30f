package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semrec.artifact.SafeTensors;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The item-token part of a Recformer artifact, and the architecture metadata beside it. */
class RecformerItemTokensTest {

    private static final RecformerArchitecture ARCHITECTURE =
            new RecformerArchitecture(30522, 384, 6, 12, 1536, 1024, 0, 51, 4, 64, 1e-12f);

    @Test
    void roundTripsThroughSafeTensorsBytes() throws IOException {
        RecformerItemTokens tokens = new RecformerItemTokens(new long[] {42, 7}, new long[] {0, 3, 5},
                new int[] {2516, 101, 2000, 3, 4}, new int[] {1, 2, 2, 1, 2}, 101);
        RecformerItemTokens read = RecformerItemTokens.fromSafeTensors(SafeTensors.read(tokens.toSafeTensors().toBytes()));
        assertEquals(101, read.clsTokenId());
        assertEquals(1, read.indexOf(7));
        assertEquals(-1, read.indexOf(8));
        assertEquals(3, read.start(1));
        assertEquals(5, read.end(1));
        assertEquals(3, read.tokenId(3));
        assertEquals(RecformerArchitecture.VALUE, read.tokenType(4));
    }

    @Test
    void rejectsOffsetsThatDoNotCoverTheTokensAndDuplicateItems() {
        assertThrows(IllegalArgumentException.class, () -> new RecformerItemTokens(new long[] {1, 2},
                new long[] {0, 3, 4}, new int[5], new int[5], 0));
        assertThrows(IllegalArgumentException.class, () -> new RecformerItemTokens(new long[] {1, 2},
                new long[] {0, 3, 2}, new int[2], new int[2], 0));
        assertThrows(IllegalArgumentException.class, () -> new RecformerItemTokens(new long[] {1, 1},
                new long[] {0, 1, 2}, new int[2], new int[2], 0));
        assertThrows(IOException.class, () -> RecformerItemTokens.fromSafeTensors(
                new SafeTensors(Map.of(), Map.of())));
    }

    @Test
    void architectureRoundTripsThroughMetadataAndRejectsOtherFiles() throws IOException {
        assertEquals(ARCHITECTURE, RecformerArchitecture.fromMetadata(ARCHITECTURE.toMetadata()));
        assertEquals(1024, ARCHITECTURE.positionRows());
        assertThrows(IOException.class, () -> RecformerArchitecture.fromMetadata(Map.of("format", "semrec.sasrec.v1")));
        Map<String, String> odd = new HashMap<>(ARCHITECTURE.toMetadata());
        odd.put("attention_window", "63");
        assertThrows(IOException.class, () -> RecformerArchitecture.fromMetadata(odd));
    }
}
