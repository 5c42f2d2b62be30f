package io.semrec.training.lm;

import ai.djl.ndarray.NDArray;
import io.semrec.training.text.FloatTensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Copies checkpoint tensors into an initialised network's parameters by name. */
public final class CheckpointLoader {

    /** Checkpoint names no parameter took, and parameters the checkpoint lacked (left as initialised). */
    public record Report(List<String> unexpected, List<String> missing) {
    }

    private CheckpointLoader() {
    }

    /**
     * Fills every slot found in the source, one tensor at a time; a shape that does not fit is an
     * error, names on one side only are reported.
     */
    public static Report load(Map<String, CheckpointSlot> slots, WeightSource source) {
        Set<String> available = source.names();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CheckpointSlot> entry : slots.entrySet()) {
            if (!available.contains(entry.getKey())) {
                missing.add(entry.getKey());
                continue;
            }
            FloatTensor tensor = source.read(entry.getKey());
            if (entry.getValue().transposed()) {
                tensor = tensor.transposed();
            }
            NDArray array = entry.getValue().parameter().getArray();
            if (!Arrays.equals(array.getShape().getShape(), tensor.shape())) {
                throw new IllegalArgumentException(entry.getKey() + " is " + array.getShape() + " in the model but "
                        + Arrays.toString(tensor.shape()) + " in the checkpoint"
                        + (entry.getValue().transposed() ? " (after transposing)" : ""));
            }
            array.set(FloatBuffer.wrap(tensor.values()));
        }
        List<String> unexpected = available.stream().filter(n -> !slots.containsKey(n)).sorted().toList();
        return new Report(unexpected, List.copyOf(missing));
    }

    /** As {@link #load}, failing unless every slot was filled; names in {@code ignorable} may be left over. */
    public static void loadAll(Map<String, CheckpointSlot> slots, WeightSource source, Set<String> ignorable) {
        Report report = load(slots, source);
        List<String> unexpected = report.unexpected().stream().filter(n -> !ignorable.contains(n)).toList();
        if (!report.missing().isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("checkpoint does not fit the model: missing " + report.missing()
                    + ", unexpected " + unexpected);
        }
    }
}
