package io.semrec.training.lm;

import ai.djl.nn.Parameter;
import io.semrec.artifact.SafeTensors;
import io.semrec.artifact.Tensor;
import io.semrec.training.text.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes an LM folder (weights as {@code model.safetensors} in checkpoint layout, plus named files
 * such as {@code config.json} and {@code tokenizer.json}) beside its target and moves it into
 * place at once, so a concurrent reader sees the whole folder or none of it.
 */
final class LmFolderWriter {

    private LmFolderWriter() {
    }

    /** Writes the folder unless it already exists (another job got there first; its content is the same). */
    static void write(Path target, DecoderNetwork network, Map<String, byte[]> files) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial");
            try {
                weights(network).write(partial.resolve(SafeTensorsWeights.SINGLE_FILE));
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Files.write(partial.resolve(file.getKey()), file.getValue());
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Same key, same content: keep the folder that is there.
            } finally {
                deleteTree(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write LM folder " + target, e);
        }
    }

    /** Every parameter as F32 under its checkpoint name, in the checkpoint's own orientation. */
    static SafeTensors weights(DecoderNetwork network) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, CheckpointSlot> slot : network.checkpointSlots().entrySet()) {
            Parameter parameter = slot.getValue().parameter();
            FloatTensor values = new FloatTensor(parameter.getArray().getShape().getShape(),
                    parameter.getArray().toFloatArray());
            if (slot.getValue().transposed()) {
                values = values.transposed();
            }
            tensors.put(slot.getKey(), Tensor.f32(values.shape(), values.values()));
        }
        return new SafeTensors(tensors, Map.of("format", "pt"));
    }

    /** Deletes a folder and what is in it (links themselves, not their targets); nothing when absent. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
