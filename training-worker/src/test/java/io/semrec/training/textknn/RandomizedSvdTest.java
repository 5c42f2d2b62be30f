package io.semrec.training.textknn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomizedSvdTest {

    @Test
    void eigenDecompositionOfASmallSymmetricMatrix() {
        SymmetricEigen eigen = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {3, 1}, eigen.values(), 1e-12);
        double root = Math.sqrt(0.5);
        assertEquals(root, Math.abs(eigen.vectors()[0][0]), 1e-12);
        assertEquals(eigen.vectors()[0][0], eigen.vectors()[1][0], 1e-12);
        assertEquals(-eigen.vectors()[0][1], eigen.vectors()[1][1], 1e-12);
    }

    @Test
    void eigenvectorsSatisfyTheirEquation() {
        Random random = new Random(3);
        int n = 40;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = random.nextGaussian();
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(a);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int k = 0; k < n; k++) {
                    av += a[i][k] * eigen.vectors()[k][j];
                }
                assertEquals(eigen.values()[j] * eigen.vectors()[i][j], av, 1e-9);
            }
            if (j > 0) {
                assertEquals(true, eigen.values()[j - 1] >= eigen.values()[j]);
            }
            for (int other = 0; other < n; other++) {
                double product = 0;
                for (int i = 0; i < n; i++) {
                    product += eigen.vectors()[i][j] * eigen.vectors()[i][other];
                }
                assertEquals(j == other ? 1 : 0, product, 1e-9);
            }
        }
    }

    @Test
    void repeatedAndZeroEigenvalues() {
        SymmetricEigen identity = SymmetricEigen.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertArrayEquals(new double[] {1, 1, 1}, identity.values(), 1e-12);
        SymmetricEigen zero = SymmetricEigen.of(new double[3][3]);
        assertArrayEquals(new double[3], zero.values(), 0);
        assertArrayEquals(new double[] {4}, SymmetricEigen.of(new double[][] {{4}}).values(), 0);
    }

    @Test
    void fullRankCoordinatesKeepEveryDotProduct() {
        // 8 rows over 6 columns but rank 3: three coordinates reproduce A At exactly, extra ones are zero.
        List<SparseVector> rows = lowRankRows(8, 6, 3, new Random(11));
        CsrMatrix matrix = CsrMatrix.of(rows, 6);
        float[][] coordinates = RandomizedSvd.rowCoordinates(matrix, 5, 1);
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < rows.size(); j++) {
                assertEquals(dense(rows.get(i), 6, rows.get(j)), dot(coordinates[i], coordinates[j]), 1e-4);
            }
            assertEquals(0, coordinates[i][3], 1e-4);
            assertEquals(0, coordinates[i][4], 1e-4);
        }
    }

    @Test
    void rankOneCoordinatesFollowTheLargestSingularDirection() {
        // Rows 3*(1,0) and 1*(0,1): the top singular value is 3, along the first row.
        List<SparseVector> rows = List.of(
                new SparseVector(new int[] {0}, new float[] {3}),
                new SparseVector(new int[] {1}, new float[] {1}));
        float[][] coordinates = RandomizedSvd.rowCoordinates(CsrMatrix.of(rows, 2), 1, 7);
        assertEquals(3, Math.abs(coordinates[0][0]), 1e-5);
        assertEquals(0, coordinates[1][0], 1e-5);
    }

    @Test
    void emptyRowsGetZeroVectors() {
        List<SparseVector> rows = List.of(
                new SparseVector(new int[] {0, 1}, new float[] {0.6f, 0.8f}),
                new SparseVector(new int[0], new float[0]));
        float[][] coordinates = RandomizedSvd.rowCoordinates(CsrMatrix.of(rows, 2), 4, 7);
        assertEquals(4, coordinates[1].length);
        assertArrayEquals(new float[4], coordinates[1], 0f);
        assertEquals(1, dot(coordinates[0], coordinates[0]), 1e-5);
    }

    private static List<SparseVector> lowRankRows(int rows, int columns, int rank, Random random) {
        double[][] basis = new double[rank][columns];
        for (double[] row : basis) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian();
            }
        }
        List<SparseVector> result = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            float[] values = new float[columns];
            for (double[] direction : basis) {
                double weight = random.nextGaussian();
                for (int c = 0; c < columns; c++) {
                    values[c] += (float) (weight * direction[c]);
                }
            }
            int[] terms = new int[columns];
            for (int c = 0; c < columns; c++) {
                terms[c] = c;
            }
            result.add(new SparseVector(terms, values));
        }
        return result;
    }

    private static double dense(SparseVector a, int columns, SparseVector b) {
        double[] x = new double[columns];
        for (int k = 0; k < a.size(); k++) {
            x[a.terms()[k]] = a.weights()[k];
        }
        double sum = 0;
        for (int k = 0; k < b.size(); k++) {
            sum += x[b.terms()[k]] * b.weights()[k];
        }
        return sum;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
