package io.semrec.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The GELU table against erf values from tables and against the exact formula everywhere. */
class GeluTest {

    @Test
    void erfMatchesTabulatedValues() {
        // Abramowitz and Stegun, table 7.1.
        assertEquals(0.0, Gelu.erf(0), 1e-15);
        assertEquals(0.5204998778, Gelu.erf(0.5), 1e-9);
        assertEquals(0.8427007929, Gelu.erf(1), 1e-9);
        assertEquals(0.9953222650, Gelu.erf(2), 1e-9);
        assertEquals(0.9999779095, Gelu.erf(3), 1e-9);
        assertEquals(-0.8427007929, Gelu.erf(-1), 1e-9);
    }

    @Test
    void interpolatedGeluIsWithin2e7OfTheExactOne() {
        for (double x = -12; x <= 12; x += 0.000731) {
            double exact = 0.5 * x * (1 + Gelu.erf(x / Math.sqrt(2)));
            assertEquals(exact, Gelu.of((float) x), 2e-7 + 1e-7 * Math.abs(x), "x = " + x);
        }
    }
}
