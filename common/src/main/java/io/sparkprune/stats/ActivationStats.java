package io.sparkprune.stats;

import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.Serializable;
import java.util.List;

/**
 * Data-side statistics per unit of each prunable layer, measured where the consumer reads the
 * unit (after its batch norm, activation and pooling): the mean value, and APoZ, the fraction of
 * values that are &lt;= 0 (what a ReLU zeroes; exactly the zeros where the path has a ReLU).
 * Computed per partition and merged: {@link #merge} is associative and commutative (sums and
 * counts), so Spark can tree-aggregate it.
 */
public final class ActivationStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] layers;
    private final double[][] sums;
    private final long[][] nonPositive;
    private final long[] valuesPerUnit;

    private ActivationStats(int[] layers, double[][] sums, long[][] nonPositive, long[] valuesPerUnit) {
        this.layers = layers;
        this.sums = sums;
        this.nonPositive = nonPositive;
        this.valuesPerUnit = valuesPerUnit;
    }

    /** Empty statistics for these layers (the zero of {@link #merge}). */
    public static ActivationStats empty(List<PrunableLayer> prunable) {
        int n = prunable.size();
        int[] layers = new int[n];
        double[][] sums = new double[n][];
        long[][] nonPositive = new long[n][];
        for (int i = 0; i < n; i++) {
            layers[i] = prunable.get(i).index();
            sums[i] = new double[prunable.get(i).units()];
            nonPositive[i] = new long[prunable.get(i).units()];
        }
        return new ActivationStats(layers, sums, nonPositive, new long[n]);
    }

    /** These statistics plus one minibatch's, through {@code net} in inference mode. */
    public ActivationStats add(MultiLayerNetwork net, List<PrunableLayer> prunable, DataSet batch) {
        List<INDArray> acts = net.feedForward(batch.getFeatures(), false);
        ActivationStats result = copy();
        for (int i = 0; i < prunable.size(); i++) {
            // feedForward's list starts with the input: layer k's output is at k + 1.
            INDArray a = acts.get(prunable.get(i).lastBeforeConsumer() + 1);
            result.accumulate(i, a.dup('c').data().asFloat(), prunable.get(i).units(), a.rank() == 4
                    ? (int) (a.size(2) * a.size(3)) : 1);
        }
        return result;
    }

    /**
     * Adds one C-order activation ([batch, units, spatial...] flattened) to slot {@code i} in a single
     * pass: the ND4J version (permute, copy, compare, cast, two sums) moved ~6x the data, and two
     * sweep points computing statistics at once were slowed by the memory traffic.
     */
    private void accumulate(int i, float[] values, int units, int spatial) {
        double[] s = sums[i];
        long[] z = nonPositive[i];
        for (int start = 0; start < values.length; start += units * spatial) {
            for (int u = 0; u < units; u++) {
                double sum = 0;
                long zeros = 0;
                for (int j = start + u * spatial, end = j + spatial; j < end; j++) {
                    sum += values[j];
                    zeros += values[j] <= 0 ? 1 : 0;
                }
                s[u] += sum;
                z[u] += zeros;
            }
        }
        valuesPerUnit[i] += values.length / units;
    }

    /** One pass over in-memory images, on this JVM (for the driver-side prune command). */
    public static ActivationStats over(MultiLayerNetwork net, List<PrunableLayer> prunable,
                                       io.sparkprune.data.LabeledImages images, int batchSize) {
        ActivationStats stats = empty(prunable);
        var batches = images.minibatchIterator(batchSize);
        while (batches.hasNext()) {
            stats = stats.add(net, prunable, batches.next());
        }
        return stats;
    }

    public ActivationStats merge(ActivationStats other) {
        if (!java.util.Arrays.equals(layers, other.layers)) {
            throw new IllegalArgumentException("cannot merge statistics of different networks");
        }
        ActivationStats result = copy();
        for (int i = 0; i < layers.length; i++) {
            for (int u = 0; u < sums[i].length; u++) {
                result.sums[i][u] += other.sums[i][u];
                result.nonPositive[i][u] += other.nonPositive[i][u];
            }
            result.valuesPerUnit[i] += other.valuesPerUnit[i];
        }
        return result;
    }

    /** Mean value of each unit of the layer at {@code layerIndex}. */
    public double[] mean(int layerIndex) {
        int i = slot(layerIndex);
        double[] m = new double[sums[i].length];
        for (int u = 0; u < m.length; u++) {
            m[u] = valuesPerUnit[i] == 0 ? Double.NaN : sums[i][u] / valuesPerUnit[i];
        }
        return m;
    }

    /** Average percentage of zeros (as a fraction) of each unit of the layer at {@code layerIndex}. */
    public double[] apoz(int layerIndex) {
        int i = slot(layerIndex);
        double[] z = new double[sums[i].length];
        for (int u = 0; u < z.length; u++) {
            z[u] = valuesPerUnit[i] == 0 ? Double.NaN : (double) nonPositive[i][u] / valuesPerUnit[i];
        }
        return z;
    }

    public boolean isEmpty() {
        return java.util.Arrays.stream(valuesPerUnit).allMatch(v -> v == 0);
    }

    private int slot(int layerIndex) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == layerIndex) {
                return i;
            }
        }
        throw new IllegalArgumentException("no statistics for layer " + layerIndex);
    }

    private ActivationStats copy() {
        double[][] s = new double[sums.length][];
        long[][] z = new long[sums.length][];
        for (int i = 0; i < sums.length; i++) {
            s[i] = sums[i].clone();
            z[i] = nonPositive[i].clone();
        }
        return new ActivationStats(layers.clone(), s, z, valuesPerUnit.clone());
    }
}
