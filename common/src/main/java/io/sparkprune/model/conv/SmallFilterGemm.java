package io.sparkprune.model.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code out = W * columns + bias} for a layer with few filters, in Java's incubating vector API.
 * OpenBLAS packs the whole column matrix whatever the filter count, so a pruned layer's 4 filters
 * cost it 13 µs per LeNet-5 image, about what 8 or 20 cost; here the time is proportional to the
 * filter count (5.4 µs for 4). Four output rows per pass share each column load, and their
 * accumulators stay in registers. Only call it when the {@code jdk.incubator.vector} module is in the
 * boot layer (JVM option {@code --add-modules=jdk.incubator.vector}, see {@link Im2colConvolutionHelper});
 * without it the class cannot even be verified, and the helper uses OpenBLAS.
 */
final class SmallFilterGemm {
    /**
     * Measured against one-thread OpenBLAS on [filters x k] * [k x n] (2 AVX2 cores): 5 x 25 x 576
     * 2.8x faster, 8 x 144 x 256 1.6x, 12 x 125 x 64 1.2-1.3x; 16 filters 0.5-1.2x (it loses once the
     * column matrix leaves the L2 cache: 144 x 1024), 20 filters 0.9x.
     */
    static final int MAX_FILTERS = 12;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SmallFilterGemm() {
    }

    /**
     * {@code out[f * n + j] = bias[f] + sum_i w[f * k + i] * col[i * n + j]} for
     * {@code f < filters}, {@code j < n}; {@code bias} may be null.
     */
    static void multiply(float[] w, float[] bias, int filters, int k, float[] col, int n, float[] out) {
        int vectorEnd = n - n % SPECIES.length();
        int f = 0;
        for (; f + 4 <= filters; f += 4) {
            fourRows(w, bias, f, k, col, n, vectorEnd, out);
        }
        for (; f < filters; f++) {
            oneRow(w, bias, f, k, col, n, vectorEnd, out);
        }
        for (int row = 0; row < filters; row++) {
            for (int j = vectorEnd; j < n; j++) {
                float sum = bias == null ? 0f : bias[row];
                for (int i = 0; i < k; i++) {
                    sum += w[row * k + i] * col[i * n + j];
                }
                out[row * n + j] = sum;
            }
        }
    }

    private static void fourRows(float[] w, float[] bias, int f, int k, float[] col, int n, int vectorEnd,
                                 float[] out) {
        int w0 = f * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        for (int j = 0; j < vectorEnd; j += SPECIES.length()) {
            FloatVector a0 = start(bias, f);
            FloatVector a1 = start(bias, f + 1);
            FloatVector a2 = start(bias, f + 2);
            FloatVector a3 = start(bias, f + 3);
            for (int i = 0; i < k; i++) {
                FloatVector c = FloatVector.fromArray(SPECIES, col, i * n + j);
                a0 = c.fma(FloatVector.broadcast(SPECIES, w[w0 + i]), a0);
                a1 = c.fma(FloatVector.broadcast(SPECIES, w[w1 + i]), a1);
                a2 = c.fma(FloatVector.broadcast(SPECIES, w[w2 + i]), a2);
                a3 = c.fma(FloatVector.broadcast(SPECIES, w[w3 + i]), a3);
            }
            int o = f * n + j;
            a0.intoArray(out, o);
            a1.intoArray(out, o + n);
            a2.intoArray(out, o + 2 * n);
            a3.intoArray(out, o + 3 * n);
        }
    }

    private static void oneRow(float[] w, float[] bias, int f, int k, float[] col, int n, int vectorEnd,
                               float[] out) {
        for (int j = 0; j < vectorEnd; j += SPECIES.length()) {
            FloatVector a = start(bias, f);
            for (int i = 0; i < k; i++) {
                a = FloatVector.fromArray(SPECIES, col, i * n + j).fma(FloatVector.broadcast(SPECIES, w[f * k + i]), a);
            }
            a.intoArray(out, f * n + j);
        }
    }

    private static FloatVector start(float[] bias, int f) {
        return FloatVector.broadcast(SPECIES, bias == null ? 0f : bias[f]);
    }
}
