package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.semrec.encoder.SasrecWeights.Dense;
import java.util.List;
import org.junit.jupiter.api.Test;

class SaidGruEncoderTest {

    /** A one-wide GRU: gates {@code [reset; update; candidate]}, each {@code w x + b} and {@code u h + c}. */
    private static final GruWeights ONE_WIDE = new GruWeights(1, 2,
            new Dense(new float[] {0.5f, -1f, 2f}, new float[] {0.1f, 0.2f, -0.3f}, 3, 1),
            new Dense(new float[] {1.5f, 0.7f, -0.4f}, new float[] {0f, -0.1f, 0.25f}, 3, 1));

    @Test
    void stepsMatchAHandComputationOfPyTorchsGruEquations() {
        double h = 0;
        for (double x : new double[] {0.8, -1.2}) {
            double r = sigmoid(0.5 * x + 0.1 + 1.5 * h + 0);
            double z = sigmoid(-1 * x + 0.2 + 0.7 * h - 0.1);
            double n = Math.tanh(2 * x - 0.3 + r * (-0.4 * h + 0.25));
            h = (1 - z) * n + z * h;
        }

        float[] query = new SaidGruEncoder(ONE_WIDE).encode(List.of(new float[] {0.8f}, new float[] {-1.2f}));

        assertEquals(h, query[0], 1e-6);
    }

    @Test
    void readsOnlyTheMostRecentMaxHistoryItems() {
        SaidGruEncoder encoder = new SaidGruEncoder(ONE_WIDE);

        assertArrayEquals(encoder.encode(List.of(new float[] {0.8f}, new float[] {-1.2f})),
                encoder.encode(List.of(new float[] {5f}, new float[] {0.8f}, new float[] {-1.2f})));
    }

    @Test
    void survivesItsArtifactBytes() throws Exception {
        SaidGruEncoder read = SaidGruEncoder.read(ONE_WIDE.toSafeTensors().toBytes());

        assertArrayEquals(new SaidGruEncoder(ONE_WIDE).encode(List.of(new float[] {0.3f})),
                read.encode(List.of(new float[] {0.3f})));
    }

    @Test
    void outputBiasEncoderDropsTheBiasDimensionAndAsksForItWithOne() {
        SequenceEncoder biased = new OutputBiasEncoder(new SaidGruEncoder(ONE_WIDE));

        float[] query = biased.encode(List.of(new float[] {0.8f, 7f}, new float[] {-1.2f, -3f}));

        float[] plain = new SaidGruEncoder(ONE_WIDE).encode(List.of(new float[] {0.8f}, new float[] {-1.2f}));
        assertArrayEquals(new float[] {plain[0], 1f}, query);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
