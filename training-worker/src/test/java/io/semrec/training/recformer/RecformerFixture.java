package io.semrec.training.recformer;

import io.semrec.training.text.PretrainedMiniLm;
import java.nio.file.Path;

/** Shared by the Recformer tests: the extracted warm-start files. */
final class RecformerFixture {

    private RecformerFixture() {
    }

    static PretrainedMiniLm miniLm() {
        return PretrainedMiniLm.extractTo(Path.of("target", "pretrained-cache"));
    }
}
