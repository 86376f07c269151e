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
 * The constant a removed unit feeds its consumer once its score is zeroed (see
 * {@link io.sparkprune.stats.FilterScore}), through its own activation and the pass-through layers
 * (pooling and dropout keep a constant). Without a batch norm the score is the weight norm: zero
 * weights leave the bias. Behind a batch norm the score is |gamma|: gamma = 0 leaves BN's beta,
 * whatever reached the batch norm. Used when no activation statistics were measured.
 */
final class RemovedUnitOutput {
    private RemovedUnitOutput() {
    }

    static double of(MultiLayerNetwork net, PrunableLayer layer, int unit, double bias) {
        double v = activate(((BaseLayer) NetworkTopology.layer(net, layer.index())).getActivationFn(), bias);
        for (int j : layer.passThrough()) {
            Layer conf = NetworkTopology.layer(net, j);
            if (conf instanceof BatchNormalization bn) {
                v = bn.isLockGammaBeta() ? bn.getBeta()
                        : net.getLayer(j).getParam(BatchNormalizationParamInitializer.BETA).reshape(-1).getDouble(unit);
            } else if (conf instanceof ActivationLayer act) {
                v = activate(act.getActivationFn(), v);
            }
        }
        return v;
    }

    private static double activate(IActivation fn, double v) {
        return fn.getActivation(Nd4j.scalar(v).reshape(1, 1), false).getDouble(0);
    }
}
