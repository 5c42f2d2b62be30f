package io.semrec.training.lm;

import ai.djl.Device;
import io.semrec.training.text.PretrainedMiniLm;
import java.nio.file.Path;
import java.util.List;

/** all-MiniLM-L6-v2's pretrained weights and WordPiece tokenizer as a causal LM ({@link MiniLmDecoder}). */
public final class MiniLmBootstrap {

    public static final String ID = "minilm-bootstrap";
    /** A text starts after [CLS] and ends with [SEP], as in BERT's pretraining. */
    static final String BOS = "[CLS]";
    static final String EOS = "[SEP]";
    static final String PAD = "[PAD]";

    private MiniLmBootstrap() {
    }

    /** The extracted MiniLM files under {@code pretrainedDir}. */
    public static PretrainedMiniLm pretrained(Path pretrainedDir) {
        return PretrainedMiniLm.extractTo(pretrainedDir);
    }

    /** The unadapted LM: pretrained encoder weights, zero output bias. */
    public static DecoderLm load(PretrainedMiniLm pretrained, Device device) {
        DecoderLm lm = DecoderLm.create(ID, new MiniLmDecoder(PretrainedMiniLm.CONFIG), tokenizer(pretrained), device);
        CheckpointLoader.Report report =
                CheckpointLoader.load(lm.network().checkpointSlots(), WeightSource.of(pretrained.weights()));
        // The sentence encoder never had an LM head: its bias stays at zero.
        if (!report.missing().equals(List.of(MiniLmDecoder.OUTPUT_BIAS)) || !report.unexpected().isEmpty()) {
            lm.close();
            throw new IllegalStateException("MiniLM weights do not fit the causal LM: " + report);
        }
        return lm;
    }

    public static HfLmTokenizer tokenizer(PretrainedMiniLm pretrained) {
        return HfLmTokenizer.load(pretrained.tokenizerFile(), BOS, EOS, PAD);
    }
}
