package io.semrec.training.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** The training engine's intra-op thread count. */
public final class EngineThreads {

    private EngineThreads() {
    }

    /**
     * Uses {@code threads} intra-op threads from now on (0 keeps the engine's default). Loads the engine
     * first: its native library must be in place before the call, and in a fresh process nothing else may
     * have loaded it yet.
     */
    public static void use(int threads) {
        Engine.getInstance();
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
    }
}
