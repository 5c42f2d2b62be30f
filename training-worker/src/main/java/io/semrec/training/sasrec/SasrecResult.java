package io.semrec.training.sasrec;

import io.semrec.encoder.SasrecWeights;
import io.semrec.evaluation.RankingMetrics;

/**
 * What a SASRec run produced.
 *
 * @param validation best validation metrics (the early-stopping epoch)
 * @param test test metrics of the best checkpoint, computed once
 * @param bestEpoch the epoch early stopping chose, from 1; the refit trains this many epochs
 * @param epochsRun epochs of the evaluated run, including the patience tail
 * @param trainSecondsPerEpoch mean wall time of one training epoch (evaluation excluded)
 * @param sequencesPerSecond mean training throughput of the evaluated run
 * @param refitted whether the published weights come from the refit on all events
 * @param encoder the published sequence encoder
 * @param itemVectors the published item vectors, {@code [item index][dim]}; also the encoder's input embeddings
 */
public record SasrecResult(
        RankingMetrics validation,
        RankingMetrics test,
        int bestEpoch,
        int epochsRun,
        double trainSecondsPerEpoch,
        double sequencesPerSecond,
        boolean refitted,
        SasrecWeights encoder,
        float[][] itemVectors) {
}
