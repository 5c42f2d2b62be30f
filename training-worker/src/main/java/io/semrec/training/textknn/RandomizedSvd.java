package io.semrec.training.textknn;

import java.util.Random;

/**
 * Rank-{@code k} truncated SVD of a sparse matrix by randomized range finding (Halko, Martinsson
 * and Tropp 2011): project onto a few more random directions than needed, sharpen with power
 * iterations, then solve the small problem exactly. Returns each row's coordinates {@code U_k S_k},
 * whose dot products best approximate the rows' own (Eckart-Young).
 */
public final class RandomizedSvd {

    /** Extra random directions beyond {@code k}; the usual choice, it makes the range capture reliable. */
    static final int OVERSAMPLING = 10;
    /** Power iterations; TF-IDF spectra decay slowly, and two are enough to stop gaining. */
    static final int POWER_ITERATIONS = 2;
    /** Eigenvalues below this fraction of the largest are treated as zero (rank deficiency). */
    private static final double RELATIVE_EIGENVALUE_FLOOR = 1e-12;
    /** A column keeping less than this fraction of its length after projection is dependent. */
    private static final double DEPENDENT_COLUMN = 1e-10;

    private RandomizedSvd() {
    }

    /**
     * @return {@code rows x k} coordinates; columns beyond the matrix's rank are zero
     */
    public static float[][] rowCoordinates(CsrMatrix a, int k, long seed) {
        int sketch = Math.min(k + OVERSAMPLING, Math.min(a.rows(), a.columns()));
        if (sketch == 0) {
            return new float[a.rows()][k];
        }
        double[][] q = orthonormalColumns(a.multiply(gaussian(a.columns(), sketch, seed)));
        for (int i = 0; i < POWER_ITERATIONS; i++) {
            q = orthonormalColumns(a.multiply(a.transposeMultiply(q)));
        }
        // With A ~ Q B, B Bt = Qt A At Q is small; its eigenvectors U_B and values S^2 give
        // A V_k = Q U_B S (first k).
        double[][] aaq = a.multiply(a.transposeMultiply(q));
        SymmetricEigen small = SymmetricEigen.of(gram(q, aaq));
        int width = q[0].length;
        int rank = Math.min(k, width);
        double[][] projection = new double[width][rank];
        double floor = RELATIVE_EIGENVALUE_FLOOR * Math.max(small.values()[0], 0);
        for (int j = 0; j < rank; j++) {
            double value = small.values()[j];
            double singular = value > floor ? Math.sqrt(value) : 0;
            for (int i = 0; i < width; i++) {
                projection[i][j] = small.vectors()[i][j] * singular;
            }
        }
        float[][] coordinates = new float[a.rows()][k];
        for (int r = 0; r < a.rows(); r++) {
            for (int j = 0; j < rank; j++) {
                double sum = 0;
                for (int i = 0; i < width; i++) {
                    sum += q[r][i] * projection[i][j];
                }
                coordinates[r][j] = (float) sum;
            }
        }
        return coordinates;
    }

    private static double[][] gaussian(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] matrix = new double[rows][columns];
        for (double[] row : matrix) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return matrix;
    }

    /** {@code Xt Y} for two row-major matrices with the same number of rows. */
    private static double[][] gram(double[][] x, double[][] y) {
        int w = x[0].length;
        int v = y[0].length;
        double[][] out = new double[w][v];
        for (int r = 0; r < x.length; r++) {
            double[] xr = x[r];
            double[] yr = y[r];
            for (int i = 0; i < w; i++) {
                double xi = xr[i];
                if (xi != 0) {
                    double[] target = out[i];
                    for (int j = 0; j < v; j++) {
                        target[j] += xi * yr[j];
                    }
                }
            }
        }
        return out;
    }

    /**
     * An orthonormal basis of the column space of {@code y} (row-major, same shape) by modified
     * Gram-Schmidt, run twice ("twice is enough") because power iterations leave the columns nearly
     * dependent. A column with (numerically) nothing left of its own becomes zero.
     */
    static double[][] orthonormalColumns(double[][] y) {
        int rows = y.length;
        int width = y[0].length;
        double[][] columns = new double[width][rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                columns[j][r] = y[r][j];
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < width; j++) {
                double[] column = columns[j];
                double before = Math.sqrt(dot(column, column));
                for (int i = 0; i < j; i++) {
                    double projection = dot(columns[i], column);
                    double[] basis = columns[i];
                    for (int r = 0; r < rows; r++) {
                        column[r] -= projection * basis[r];
                    }
                }
                double norm = Math.sqrt(dot(column, column));
                double scale = norm > DEPENDENT_COLUMN * before ? 1 / norm : 0;
                for (int r = 0; r < rows; r++) {
                    column[r] *= scale;
                }
            }
        }
        double[][] q = new double[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                q[r][j] = columns[j][r];
            }
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
