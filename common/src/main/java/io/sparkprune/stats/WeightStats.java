package io.sparkprune.stats;

import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-unit weight statistics of one prunable layer: l1, l2 (= s_f), max |w|, relative norm
 * s_f / max_g s_g, bias, and the following batch norm's gamma (NaN when there is none).
 */
public record WeightStats(double[] l1, double[] l2, double[] maxAbs, double[] relative, double[] bias,
                          double[] gamma) {

    public static WeightStats of(MultiLayerNetwork net, PrunableLayer layer) {
        INDArray units = unitRows(net, layer);
        double[] l2 = units.norm2(1).toDoubleVector();
        double max = 0;
        for (double s : l2) {
            max = Math.max(max, s);
        }
        double[] relative = new double[l2.length];
        for (int f = 0; f < l2.length; f++) {
            relative[f] = max == 0 ? 0 : l2[f] / max;
        }
        double[] gamma = new double[l2.length];
        if (layer.batchNorm() >= 0) {
            gamma = net.getLayer(layer.batchNorm()).getParam("gamma").toDoubleVector();
        } else {
            java.util.Arrays.fill(gamma, Double.NaN);
        }
        return new WeightStats(units.norm1(1).toDoubleVector(), l2, units.amax(1).toDoubleVector(), relative,
                bias(net, layer.index(), l2.length), gamma);
    }

    /** The layer's weights as one row per output unit: [units, fan-in]. */
    public static INDArray unitRows(MultiLayerNetwork net, PrunableLayer layer) {
        INDArray w = net.getLayer(layer.index()).getParam("W");
        // Conv W is [nOut, nIn, kH, kW]: a filter per leading index. Dense W is [nIn, nOut]: a neuron per column.
        return layer.conv() ? w.reshape('c', w.size(0), w.length() / w.size(0)) : w.transpose();
    }

    /** A layer's bias as a vector (zeros when the layer has none). */
    static double[] bias(MultiLayerNetwork net, int index, int units) {
        INDArray b = net.getLayer(index).getParam("b");
        return b == null ? new double[units] : b.toDoubleVector();
    }

    public int units() {
        return l2.length;
    }
}
