package io.semrec.training.textknn;

import java.util.List;

/** A sparse row-major matrix (compressed sparse rows): one row per item, one column per term. */
public final class CsrMatrix {

    private final int columns;
    private final int[] rowStart;
    private final int[] columnIndex;
    private final float[] values;

    private CsrMatrix(int columns, int[] rowStart, int[] columnIndex, float[] values) {
        this.columns = columns;
        this.rowStart = rowStart;
        this.columnIndex = columnIndex;
        this.values = values;
    }

    public static CsrMatrix of(List<SparseVector> rows, int columns) {
        int[] rowStart = new int[rows.size() + 1];
        for (int r = 0; r < rows.size(); r++) {
            rowStart[r + 1] = rowStart[r] + rows.get(r).size();
        }
        int[] columnIndex = new int[rowStart[rows.size()]];
        float[] values = new float[columnIndex.length];
        for (int r = 0; r < rows.size(); r++) {
            SparseVector row = rows.get(r);
            System.arraycopy(row.terms(), 0, columnIndex, rowStart[r], row.size());
            System.arraycopy(row.weights(), 0, values, rowStart[r], row.size());
        }
        return new CsrMatrix(columns, rowStart, columnIndex, values);
    }

    public int rows() {
        return rowStart.length - 1;
    }

    public int columns() {
        return columns;
    }

    /** Adds {@code scale} times row {@code row} to the dense vector {@code into} (of width {@link #columns}). */
    public void addRowTo(int row, double scale, double[] into) {
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
            into[columnIndex[k]] += scale * values[k];
        }
    }

    /** This matrix times a dense column vector of width {@link #columns}, into {@code out} (one per row). */
    public void multiply(double[] vector, float[] out) {
        for (int r = 0; r < rows(); r++) {
            double sum = 0;
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                sum += values[k] * vector[columnIndex[k]];
            }
            out[r] = (float) sum;
        }
    }

    /** This matrix times a dense {@code columns x w} matrix: a {@code rows x w} matrix. */
    public double[][] multiply(double[][] dense) {
        int width = dense[0].length;
        double[][] out = new double[rows()][width];
        for (int r = 0; r < rows(); r++) {
            double[] target = out[r];
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                axpy(values[k], dense[columnIndex[k]], target);
            }
        }
        return out;
    }

    /** The transpose of this matrix times a dense {@code rows x w} matrix: a {@code columns x w} matrix. */
    public double[][] transposeMultiply(double[][] dense) {
        int width = dense[0].length;
        double[][] out = new double[columns][width];
        for (int r = 0; r < rows(); r++) {
            double[] source = dense[r];
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                axpy(values[k], source, out[columnIndex[k]]);
            }
        }
        return out;
    }

    private static void axpy(double scale, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += scale * x[i];
        }
    }
}
