package io.semrec.encoder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time of one serving-path encode: a full history of 50 items, dim 64, 2 layers, 1 head (SASRec's
 * defaults). Reports wall and thread-CPU time per call, since the machine may be shared. Run:
 * {@code java -cp core/target/classes:core/target/test-classes io.semrec.encoder.SasrecEncoderBenchmark}.
 */
public final class SasrecEncoderBenchmark {

    private static final int DIM = 64;
    private static final int HISTORY = 50;
    private static final int WARMUP = 5_000;
    private static final int MEASURED = 20_000;

    private SasrecEncoderBenchmark() {
    }

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(1);
        SasrecEncoder encoder = new SasrecEncoder(SasrecEncoderTest.randomWeights(random, DIM, 1, 2, HISTORY));
        List<float[]> history = new ArrayList<>();
        for (int i = 0; i < HISTORY; i++) {
            history.add(SasrecEncoderTest.randomVector(random, DIM));
        }
        float sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += encoder.encode(history)[0];
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            sink += encoder.encode(history)[0];
        }
        double wallMicros = (System.nanoTime() - wallStart) / 1e3 / MEASURED;
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / MEASURED;
        System.out.printf(Locale.ROOT, "SASRec encode, %d items, dim %d, 2 layers: %.1f us wall, %.1f us CPU per call"
                + " (checksum %.3f)%n", HISTORY, DIM, wallMicros, cpuMicros, sink);
    }
}
