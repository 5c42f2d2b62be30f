package io.semrec.training.lm;

/**
 * Straightforward loops over the checkpoint's raw arrays (Hugging Face layout, names and
 * conventions), one sequence at a time: the independent computation the DJL decoders are checked
 * against.
 */
final class ReferenceLm {

    private ReferenceLm() {
    }

    /** GPT-2 logits [T][V]. Conv1D weights are (in, out): y = x W + b. */
    static double[][] gpt2(TinyCheckpoints.Weights w, int layers, int heads, long[] ids) {
        int t = ids.length;
        float[] wte = w.get("wte.weight");
        int hidden = (int) w.shapes().get("wte.weight")[1];
        int vocab = wte.length / hidden;
        double[][] x = new double[t][hidden];
        for (int p = 0; p < t; p++) {
            for (int h = 0; h < hidden; h++) {
                x[p][h] = wte[(int) ids[p] * hidden + h] + w.get("wpe.weight")[p * hidden + h];
            }
        }
        for (int l = 0; l < layers; l++) {
            String pre = "h." + l + ".";
            double[][] a = layerNorm(x, w.get(pre + "ln_1.weight"), w.get(pre + "ln_1.bias"), 1e-5);
            double[][] qkv = conv1d(a, w.get(pre + "attn.c_attn.weight"), w.get(pre + "attn.c_attn.bias"));
            double[][] q = columns(qkv, 0, hidden);
            double[][] k = columns(qkv, hidden, hidden);
            double[][] v = columns(qkv, 2 * hidden, hidden);
            double[][] attended = attention(q, k, v, heads, heads);
            add(x, conv1d(attended, w.get(pre + "attn.c_proj.weight"), w.get(pre + "attn.c_proj.bias")));
            double[][] m = layerNorm(x, w.get(pre + "ln_2.weight"), w.get(pre + "ln_2.bias"), 1e-5);
            double[][] f = conv1d(m, w.get(pre + "mlp.c_fc.weight"), w.get(pre + "mlp.c_fc.bias"));
            for (double[] row : f) {
                for (int i = 0; i < row.length; i++) {
                    double u = row[i];
                    row[i] = 0.5 * u * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
                }
            }
            add(x, conv1d(f, w.get(pre + "mlp.c_proj.weight"), w.get(pre + "mlp.c_proj.bias")));
        }
        return timesTransposed(layerNorm(x, w.get("ln_f.weight"), w.get("ln_f.bias"), 1e-5), wte, vocab);
    }

    /** Llama-family logits [T][V]: RMSNorm, rotary (rotate_half), grouped-query attention, SwiGLU. */
    static double[][] llama(TinyCheckpoints.Weights w, LlamaConfig c, long[] ids) {
        int t = ids.length;
        int hidden = c.hidden();
        int d = c.headSize();
        float[] embed = w.get("model.embed_tokens.weight");
        double[][] x = new double[t][hidden];
        for (int p = 0; p < t; p++) {
            for (int h = 0; h < hidden; h++) {
                x[p][h] = embed[(int) ids[p] * hidden + h];
            }
        }
        for (int l = 0; l < c.layers(); l++) {
            String pre = "model.layers." + l + ".";
            double[][] n = rmsNorm(x, w.get(pre + "input_layernorm.weight"), c.rmsNormEps());
            double[][] q = linear(n, w.get(pre + "self_attn.q_proj.weight"), bias(w, pre + "self_attn.q_proj.bias", c.qkvBias()), c.heads() * d);
            double[][] k = linear(n, w.get(pre + "self_attn.k_proj.weight"), bias(w, pre + "self_attn.k_proj.bias", c.qkvBias()), c.kvHeads() * d);
            double[][] v = linear(n, w.get(pre + "self_attn.v_proj.weight"), bias(w, pre + "self_attn.v_proj.bias", c.qkvBias()), c.kvHeads() * d);
            rope(q, c.heads(), d, c.ropeTheta());
            rope(k, c.kvHeads(), d, c.ropeTheta());
            double[][] attended = attention(q, k, v, c.heads(), c.kvHeads());
            add(x, linear(attended, w.get(pre + "self_attn.o_proj.weight"), bias(w, pre + "self_attn.o_proj.bias", c.outputBias()), hidden));
            double[][] m = rmsNorm(x, w.get(pre + "post_attention_layernorm.weight"), c.rmsNormEps());
            double[][] g = linear(m, w.get(pre + "mlp.gate_proj.weight"), null, c.intermediate());
            double[][] u = linear(m, w.get(pre + "mlp.up_proj.weight"), null, c.intermediate());
            for (int p = 0; p < t; p++) {
                for (int i = 0; i < c.intermediate(); i++) {
                    double z = g[p][i];
                    g[p][i] = z / (1 + Math.exp(-z)) * u[p][i];
                }
            }
            add(x, linear(g, w.get(pre + "mlp.down_proj.weight"), null, hidden));
        }
        float[] head = c.tiedEmbeddings() ? embed : w.get("lm_head.weight");
        return timesTransposed(rmsNorm(x, w.get("model.norm.weight"), c.rmsNormEps()), head, c.vocabSize());
    }

    private static float[] bias(TinyCheckpoints.Weights w, String name, boolean present) {
        return present ? w.get(name) : null;
    }

    /** Causal softmax attention; query head h reads key/value head h / (heads / kvHeads). */
    private static double[][] attention(double[][] q, double[][] k, double[][] v, int heads, int kvHeads) {
        int t = q.length;
        int d = q[0].length / heads;
        double[][] out = new double[t][heads * d];
        for (int h = 0; h < heads; h++) {
            int kv = h / (heads / kvHeads);
            for (int i = 0; i < t; i++) {
                double[] scores = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int e = 0; e < d; e++) {
                        s += q[i][h * d + e] * k[j][kv * d + e];
                    }
                    scores[j] = s / Math.sqrt(d);
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j <= i; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j <= i; j++) {
                    for (int e = 0; e < d; e++) {
                        out[i][h * d + e] += scores[j] / sum * v[j][kv * d + e];
                    }
                }
            }
        }
        return out;
    }

    /** Rotates pairs (i, i + d/2) of each head by position × theta^(-2i/d). */
    private static void rope(double[][] x, int heads, int d, double theta) {
        for (int p = 0; p < x.length; p++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < d / 2; i++) {
                    double angle = p * Math.pow(theta, -2.0 * i / d);
                    int a = h * d + i;
                    int b = a + d / 2;
                    double x1 = x[p][a];
                    double x2 = x[p][b];
                    x[p][a] = x1 * Math.cos(angle) - x2 * Math.sin(angle);
                    x[p][b] = x2 * Math.cos(angle) + x1 * Math.sin(angle);
                }
            }
        }
    }

    private static double[][] layerNorm(double[][] x, float[] gamma, float[] beta, double eps) {
        double[][] out = new double[x.length][];
        for (int p = 0; p < x.length; p++) {
            double mean = 0;
            for (double u : x[p]) {
                mean += u / x[p].length;
            }
            double variance = 0;
            for (double u : x[p]) {
                variance += (u - mean) * (u - mean) / x[p].length;
            }
            out[p] = new double[x[p].length];
            for (int i = 0; i < x[p].length; i++) {
                out[p][i] = (x[p][i] - mean) / Math.sqrt(variance + eps) * gamma[i] + beta[i];
            }
        }
        return out;
    }

    private static double[][] rmsNorm(double[][] x, float[] weight, double eps) {
        double[][] out = new double[x.length][];
        for (int p = 0; p < x.length; p++) {
            double square = 0;
            for (double u : x[p]) {
                square += u * u / x[p].length;
            }
            out[p] = new double[x[p].length];
            for (int i = 0; i < x[p].length; i++) {
                out[p][i] = x[p][i] / Math.sqrt(square + eps) * weight[i];
            }
        }
        return out;
    }

    /** y = x W + b with W (in, out). */
    private static double[][] conv1d(double[][] x, float[] weight, float[] bias) {
        int in = x[0].length;
        int out = weight.length / in;
        double[][] y = new double[x.length][out];
        for (int p = 0; p < x.length; p++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int i = 0; i < in; i++) {
                    s += x[p][i] * weight[i * out + o];
                }
                y[p][o] = s;
            }
        }
        return y;
    }

    /** y = x Wᵀ + b with W (out, in), as nn.Linear. */
    private static double[][] linear(double[][] x, float[] weight, float[] bias, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int p = 0; p < x.length; p++) {
            for (int o = 0; o < out; o++) {
                double s = bias == null ? 0 : bias[o];
                for (int i = 0; i < in; i++) {
                    s += x[p][i] * weight[o * in + i];
                }
                y[p][o] = s;
            }
        }
        return y;
    }

    private static double[][] timesTransposed(double[][] x, float[] table, int rows) {
        return linear(x, table, null, rows);
    }

    private static double[][] columns(double[][] x, int from, int count) {
        double[][] out = new double[x.length][count];
        for (int p = 0; p < x.length; p++) {
            System.arraycopy(x[p], from, out[p], 0, count);
        }
        return out;
    }

    private static void add(double[][] x, double[][] y) {
        for (int p = 0; p < x.length; p++) {
            for (int i = 0; i < x[p].length; i++) {
                x[p][i] += y[p][i];
            }
        }
    }
}
