package io.sparkprune.pruning;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The constant a removed unit feeds its consumer when its weights are zero: its bias, through
 * its own activation, its batch norm and any activation layers (pooling and dropout keep a
 * constant). Used when no activation statistics were measured.
 */
final class RemovedUnitOutput {
    private RemovedUnitOutput() {
    }

    static double of(MultiLayerNetwork net, PrunableLayer layer, int unit, double bias) {
        double v = activate(((BaseLayer) NetworkTopology.layer(net, layer.index())).getActivationFn(), bias);
        for (int j : layer.passThrough()) {
            Layer conf = NetworkTopology.layer(net, j);
            if (conf instanceof BatchNormalization bn) {
                v = normalize(net, j, bn, unit, v);
            } else if (conf instanceof ActivationLayer act) {
                v = activate(act.getActivationFn(), v);
            }
        }
        return v;
    }

    private static double normalize(MultiLayerNetwork net, int j, BatchNormalization bn, int unit, double v) {
        var layer = net.getLayer(j);
        double gamma = bn.isLockGammaBeta() ? bn.getGamma() : flat(layer.getParam(BatchNormalizationParamInitializer.GAMMA), unit);
        double beta = bn.isLockGammaBeta() ? bn.getBeta() : flat(layer.getParam(BatchNormalizationParamInitializer.BETA), unit);
        double mean = flat(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN), unit);
        // DL4J adds eps to the variance in both forms: with log10(std) it squares 10^log10std first.
        double var = bn.isUseLogStd()
                ? Math.pow(10, 2 * flat(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD), unit))
                : flat(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR), unit);
        double std = Math.sqrt(var + bn.getEps());
        return gamma * (v - mean) / std + beta;
    }

    private static double activate(IActivation fn, double v) {
        return fn.getActivation(Nd4j.scalar(v).reshape(1, 1), false).getDouble(0);
    }

    private static double flat(org.nd4j.linalg.api.ndarray.INDArray a, int i) {
        return a.reshape(a.length()).getDouble(i);
    }
}
