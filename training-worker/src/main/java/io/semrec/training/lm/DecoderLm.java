package io.semrec.training.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A {@link CausalLm} over an initialised {@link DecoderNetwork} whose parameters live on its own manager. */
public final class DecoderLm implements CausalLm {

    private final String id;
    private final DecoderNetwork network;
    private final NDManager manager;
    private final LmTokenizer tokenizer;
    private final ParameterStore store;

    /**
     * Builds the network's parameters (initialised, to be overwritten by a checkpoint) on a new
     * manager on {@code device}.
     */
    public static DecoderLm create(String id, DecoderNetwork network, LmTokenizer tokenizer, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        network.initialize(manager, DataType.FLOAT32, network.inputShapes(1, 1));
        return new DecoderLm(id, network, manager, tokenizer);
    }

    private DecoderLm(String id, DecoderNetwork network, NDManager manager, LmTokenizer tokenizer) {
        this.id = id;
        this.network = network;
        this.manager = manager;
        this.tokenizer = tokenizer;
        this.store = new ParameterStore(manager, false);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int embeddingWidth() {
        return network.hiddenSize();
    }

    @Override
    public int vocabSize() {
        return network.vocabSize();
    }

    @Override
    public int maxPositions() {
        return network.maxPositions();
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public LmTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public NDArray embed(NDArray tokenIds) {
        NDArray table = store.getValue(network.tokenEmbeddings(), tokenIds.getDevice(), false);
        // Ids first, so the result joins the caller's manager.
        return Embedding.embedding(tokenIds, table, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    public NDArray forward(NDArray inputEmbeddings, NDArray mask, boolean training) {
        return network.forward(store, new NDList(inputEmbeddings, mask), training).singletonOrThrow();
    }

    @Override
    public void freeze() {
        network.freezeParameters(true);
    }

    @Override
    public String weightsFingerprint() {
        MessageDigest digest = sha256();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update(entry.getValue().getArray().toByteArray());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public Block block() {
        return network;
    }

    /** The network, for loading and saving its weights. */
    public DecoderNetwork network() {
        return network;
    }

    @Override
    public void close() {
        manager.close();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
