package io.semrec.training.said;

import ai.djl.Device;
import io.semrec.encoder.GruWeights;
import io.semrec.encoder.SasrecWeights;
import io.semrec.training.ProgressReporter;
import io.semrec.training.data.LeaveOneOutSplit;
import io.semrec.training.sasrec.SasrecExport;
import io.semrec.training.sasrec.SasrecModel;
import io.semrec.training.sasrec.SasrecNetwork;
import io.semrec.training.sasrec.SequenceNetwork;
import io.semrec.training.sasrec.SequenceTrainer;
import java.util.function.Supplier;

/**
 * SAID's stage 2: a downstream sequence model (SASRec-style transformer or GRU) over the frozen
 * stage-1 embeddings, trained, early-stopped and refitted as SASRec is; the published item vectors
 * are the mapped embeddings (plus the output bias dimension when learned) and the encoder is the
 * file serving runs.
 */
public final class SaidStage2 {

    /** What stage 2 produced. */
    public record Result(SequenceTrainer.Run run, byte[] encoderFile, float[][] itemVectors, byte[] mapFile) {
    }

    private final SaidParams params;
    private final Device device;

    public SaidStage2(SaidParams params, Device device) {
        this.params = params;
        this.device = device;
    }

    /** @param features frozen stage-1 embeddings {@code [item index][width]} */
    public Result train(float[][] features, LeaveOneOutSplit split, boolean maskSeen, ProgressReporter progress) {
        return new SequenceTrainer(features.length, params.stage2(), maskSeen, () -> model(features), progress)
                .train(split, (model, run) -> new Result(run, encoderFile(model),
                        model.network().items().publishedVectors(),
                        ((FrozenItemFeatures) model.network().items()).mapArtifact().toBytes()));
    }

    /** A freshly initialised downstream model over {@code features}, seeded by the parameters. */
    SasrecModel model(float[][] features) {
        return SasrecModel.create(params.stage2(), device, network(features));
    }

    private Supplier<SequenceNetwork> network(float[][] features) {
        return () -> {
            FrozenItemFeatures items = new FrozenItemFeatures(features, params.stage2().dim(), params.outputBias(),
                    params.itemResidual());
            return params.gru() ? new SaidGruNetwork(items, params.stage2().maxHistory(), params.stage2().dropout())
                    : new SasrecNetwork(items, params.stage2());
        };
    }

    /** The downstream encoder as serving reads it: {@link SasrecWeights} or {@link GruWeights}, as safetensors. */
    static byte[] encoderFile(SasrecModel model) {
        if (model.network() instanceof SaidGruNetwork gru) {
            return new GruWeights(gru.dim(), gru.maxHistory(), SasrecExport.dense(gru.input),
                    SasrecExport.dense(gru.hidden)).toSafeTensors().toBytes();
        }
        return SasrecExport.weights(model).toSafeTensors().toBytes();
    }
}
