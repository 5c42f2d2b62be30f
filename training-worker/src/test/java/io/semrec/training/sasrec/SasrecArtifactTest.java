package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semrec.artifact.SafeTensors;
import io.semrec.encoder.SasrecEncoder;
import io.semrec.training.support.RecordedProgress;
import io.semrec.training.data.ItemTable;
import io.semrec.training.data.LeaveOneOutSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SasrecArtifactTest {

    private static final int ITEMS = 20;

    @Test
    void filesHoldTheEncoderAndTheItemVectorsByInternalId(@TempDir Path folder) throws IOException {
        SasrecParams params = new SasrecParams(8, 1, 1, 0, 8, 1e-2, 1, 1, 5, SasrecLoss.CE, 1, false, 1);
        SasrecResult result = new SasrecTrainer(ITEMS, params, SasrecTrainer.defaultDevice(), new RecordedProgress())
                .train(LeaveOneOutSplit.of(SuccessorSequences.generate(ITEMS, 30, 4, 6, 2)));
        long[] internalIds = new long[ITEMS];
        String[] externalIds = new String[ITEMS];
        boolean[] available = new boolean[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            internalIds[i] = 100 + 3L * i;
            externalIds[i] = "item-" + i;
            available[i] = true;
        }
        List<Map<String, Object>> attributes = Collections.nCopies(ITEMS, Map.of());

        SasrecArtifact.write(result, new ItemTable(internalIds, externalIds, attributes, available), folder);

        SafeTensors vectors = SafeTensors.read(folder.resolve(SasrecArtifact.ITEM_VECTORS_FILE));
        assertArrayEquals(internalIds, vectors.require("item_ids").toLongs());
        assertArrayEquals(new long[] {ITEMS, 8}, vectors.require("item_vectors").shape());
        assertArrayEquals(result.itemVectors()[7],
                Arrays.copyOfRange(vectors.require("item_vectors").toFloats(), 7 * 8, 8 * 8), 0f);
        assertEquals("dot", vectors.metadata().get("metric"));
        SasrecEncoder encoder = SasrecEncoder.read(Files.readAllBytes(folder.resolve(SasrecArtifact.ENCODER_FILE)));
        List<float[]> history = List.of(result.itemVectors()[3], result.itemVectors()[4]);
        assertArrayEquals(new SasrecEncoder(result.encoder()).encode(history), encoder.encode(history), 0f);
    }
}
