package io.semrec.training.recformer.model;

import io.semrec.encoder.RecformerArchitecture;
import io.semrec.training.text.FloatTensor;
import java.util.Map;

/**
 * An independent, deliberately plain Recformer forward for tests: one unpadded sequence, doubles,
 * explicit loops, and for every token the list of keys it may attend to written out as Longformer
 * defines it (CLS attends to all with the global projections; token i to |i - j| <= window/2 and CLS).
 * Weights by Hugging Face name, every table already at full size.
 */
final class NaiveRecformer {

    private final Map<String, FloatTensor> w;
    private final RecformerArchitecture a;
    private final int h;

    NaiveRecformer(Map<String, FloatTensor> weights, RecformerArchitecture architecture) {
        this.w = weights;
        this.a = architecture;
        this.h = architecture.hiddenSize();
    }

    /** Last hidden state [T][H] of [CLS] + tokens, positions 0..T-1 plus the model's offset. */
    double[][] forward(int[] ids, int[] types, int[] items) {
        int n = ids.length;
        double[][] x = new double[n][h];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < h; k++) {
                x[t][k] = at("embeddings.word_embeddings.weight", ids[t], k)
                        + at("embeddings.position_embeddings.weight", t + a.positionOffset(), k)
                        + at("embeddings.token_type_embeddings.weight", types[t], k)
                        + at("embeddings.item_position_embeddings.weight", items[t], k);
            }
            x[t] = norm(x[t], "embeddings.LayerNorm");
        }
        for (int layer = 0; layer < a.layers(); layer++) {
            x = layer(x, "encoder.layer." + layer + ".");
        }
        return x;
    }

    private double[][] layer(double[][] x, String p) {
        int n = x.length;
        int heads = a.heads();
        int d = h / heads;
        String s = p + "attention.self.";
        double[][] q = dense(x, s + "query");
        double[][] k = dense(x, s + "key");
        double[][] v = dense(x, s + "value");
        double[][] qg = dense(x, s + "query_global");
        double[][] kg = dense(x, s + "key_global");
        double[][] vg = dense(x, s + "value_global");
        int oneSided = a.attentionWindow() / 2;
        double[][] mixed = new double[n][h];
        for (int i = 0; i < n; i++) {
            boolean global = i == 0;
            for (int head = 0; head < heads; head++) {
                double[] scores = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    boolean allowed = global || j == 0 || Math.abs(i - j) <= oneSided;
                    scores[j] = Double.NEGATIVE_INFINITY;
                    if (allowed) {
                        double dot = 0;
                        for (int c = head * d; c < (head + 1) * d; c++) {
                            dot += (global ? qg : q)[i][c] * (global ? kg : k)[j][c];
                        }
                        scores[j] = dot / Math.sqrt(d);
                        max = Math.max(max, scores[j]);
                    }
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < n; j++) {
                    for (int c = head * d; c < (head + 1) * d; c++) {
                        mixed[i][c] += scores[j] / sum * (global ? vg : v)[j][c];
                    }
                }
            }
        }
        double[][] attended = dense(mixed, p + "attention.output.dense");
        double[][] afterAttention = new double[n][];
        for (int t = 0; t < n; t++) {
            afterAttention[t] = norm(add(attended[t], x[t]), p + "attention.output.LayerNorm");
        }
        double[][] inner = dense(afterAttention, p + "intermediate.dense");
        for (double[] row : inner) {
            for (int c = 0; c < row.length; c++) {
                row[c] = 0.5 * row[c] * (1 + erf(row[c] / Math.sqrt(2)));
            }
        }
        double[][] outer = dense(inner, p + "output.dense");
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            out[t] = norm(add(outer[t], afterAttention[t]), p + "output.LayerNorm");
        }
        return out;
    }

    /** y = x W^T + b with W [out][in]. */
    private double[][] dense(double[][] x, String name) {
        FloatTensor weight = w.get(name + ".weight");
        FloatTensor bias = w.get(name + ".bias");
        int outputs = (int) weight.shape()[0];
        int inputs = (int) weight.shape()[1];
        double[][] y = new double[x.length][outputs];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < outputs; o++) {
                double sum = bias.values()[o];
                for (int i = 0; i < inputs; i++) {
                    sum += x[t][i] * weight.values()[o * inputs + i];
                }
                y[t][o] = sum;
            }
        }
        return y;
    }

    private double[] norm(double[] x, String name) {
        double mean = 0;
        for (double value : x) {
            mean += value / x.length;
        }
        double variance = 0;
        for (double value : x) {
            variance += (value - mean) * (value - mean) / x.length;
        }
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = (x[k] - mean) / Math.sqrt(variance + a.layerNormEps()) * w.get(name + ".weight").values()[k]
                    + w.get(name + ".bias").values()[k];
        }
        return y;
    }

    private double at(String table, int row, int column) {
        return w.get(table).values()[row * h + column];
    }

    private static double[] add(double[] x, double[] y) {
        double[] sum = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            sum[k] = x[k] + y[k];
        }
        return sum;
    }

    /** erf by Simpson's rule on 2/sqrt(pi) exp(-t^2): slow, plain, independent of serving's erf. */
    static double erf(double x) {
        int steps = 2000;
        double step = x / steps;
        double sum = 1 + Math.exp(-x * x);
        for (int i = 1; i < steps; i++) {
            double t = i * step;
            sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * sum * step / 3;
    }
}
