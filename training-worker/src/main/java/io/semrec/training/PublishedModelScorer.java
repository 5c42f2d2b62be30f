package io.semrec.training;

import io.semrec.artifact.ArtifactStore;
import io.semrec.evaluation.BatchScorer;
import io.semrec.evaluation.ItemVectorScorer;
import io.semrec.model.PublishedModel;
import io.semrec.training.data.ItemTable;
import io.semrec.training.data.PublishedVectors;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a dataset's items with an already published model, as serving would. Items the model has no
 * vector for (added after it was trained) are left out of histories and never rank: they score minus
 * infinity, which counts against the model when such an item is the target.
 */
final class PublishedModelScorer implements BatchScorer {

    private static final int ABSENT = -1;

    /** Dataset item index to the index of its vector in {@link #modelScorer}'s table, or {@link #ABSENT}. */
    private final int[] modelIndex;
    private final int[] datasetIndex;
    private final BatchScorer modelScorer;

    private PublishedModelScorer(int[] modelIndex, int[] datasetIndex, BatchScorer modelScorer) {
        this.modelIndex = modelIndex;
        this.datasetIndex = datasetIndex;
        this.modelScorer = modelScorer;
    }

    static PublishedModelScorer load(Connection connection, PublishedModel model, ArtifactStore artifacts,
            ItemTable items) throws SQLException, IOException {
        float[][] byItem = PublishedVectors.byItemIndex(connection, model, items);
        int[] modelIndex = new int[items.size()];
        Arrays.fill(modelIndex, ABSENT);
        List<float[]> vectors = new ArrayList<>();
        List<Integer> datasetIndex = new ArrayList<>();
        List<Long> itemIds = new ArrayList<>();
        for (int item = 0; item < byItem.length; item++) {
            if (byItem[item] != null) {
                modelIndex[item] = vectors.size();
                vectors.add(byItem[item]);
                datasetIndex.add(item);
                itemIds.add(items.internalId(item));
            }
        }
        BatchScorer scorer = new ItemVectorScorer(vectors.toArray(float[][]::new),
                itemIds.stream().mapToLong(Long::longValue).toArray(), model.encoder(connection, artifacts),
                model.metric());
        return new PublishedModelScorer(modelIndex, datasetIndex.stream().mapToInt(Integer::intValue).toArray(), scorer);
    }

    @Override
    public void score(int[][] histories, float[][] scoresOut) {
        List<int[]> known = new ArrayList<>(histories.length);
        List<Integer> rows = new ArrayList<>(histories.length);
        for (int b = 0; b < histories.length; b++) {
            Arrays.fill(scoresOut[b], Float.NEGATIVE_INFINITY);
            int[] history = Arrays.stream(histories[b]).map(item -> modelIndex[item]).filter(i -> i != ABSENT).toArray();
            if (history.length > 0) {
                known.add(history);
                rows.add(b);
            }
        }
        if (known.isEmpty()) {
            return;
        }
        float[][] modelScores = new float[known.size()][datasetIndex.length];
        modelScorer.score(known.toArray(int[][]::new), modelScores);
        for (int r = 0; r < modelScores.length; r++) {
            float[] out = scoresOut[rows.get(r)];
            for (int i = 0; i < datasetIndex.length; i++) {
                out[datasetIndex[i]] = modelScores[r][i];
            }
        }
    }
}
