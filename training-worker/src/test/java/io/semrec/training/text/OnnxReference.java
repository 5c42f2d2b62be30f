package io.semrec.training.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** ONNX Runtime running an original BERT .onnx file: the independent reference for the DJL encoder. */
public final class OnnxReference implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public OnnxReference(Path onnxFile) throws OrtException {
        session = environment.createSession(onnxFile.toString(), new OrtSession.SessionOptions());
    }

    Set<String> inputNames() throws OrtException {
        return session.getInputNames();
    }

    Set<String> outputNames() throws OrtException {
        return session.getOutputNames();
    }

    /** last_hidden_state (B,S,H) of a padded batch, flattened row-major. */
    public float[] hiddenStates(Encoding[] batch) throws OrtException {
        try (OnnxTensor ids = tensor(batch, Encoding::getIds);
                OnnxTensor mask = tensor(batch, Encoding::getAttentionMask);
                OnnxTensor types = tensor(batch, Encoding::getTypeIds);
                OrtSession.Result result = session.run(
                        Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
            FloatBuffer hidden = ((OnnxTensor) result.get("last_hidden_state").orElseThrow()).getFloatBuffer();
            float[] values = new float[hidden.remaining()];
            hidden.get(values);
            return values;
        }
    }

    private OnnxTensor tensor(Encoding[] batch, Function<Encoding, long[]> field)
            throws OrtException {
        return OnnxTensor.createTensor(environment, MiniLmFixture.matrix(batch, field));
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
