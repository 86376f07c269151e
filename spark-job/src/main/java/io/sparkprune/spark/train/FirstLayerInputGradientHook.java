package io.sparkprune.spark.train;

import io.sparkprune.train.FirstLayerInputGradient;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * dl4j-spark's workers train as {@code LocalTrainer} does: before each minibatch the worker's network
 * leaves out its first layer's input gradient, which nobody reads ({@link FirstLayerInputGradient}).
 * Each worker's network is its own copy, made from the broadcast parameters and dropped after its
 * partition, so nothing needs switching back.
 */
final class FirstLayerInputGradientHook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        if (model instanceof MultiLayerNetwork net) {
            FirstLayerInputGradient.switchOff(net);
        }
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }
}
