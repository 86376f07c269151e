package io.sparkprune.model;

import io.sparkprune.config.RunConfig;
import io.sparkprune.regularization.WeightPenalties;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Caffe LeNet-5 of SSL and the l1/l2 paper: conv 5x5x20, max-pool 2, conv 5x5x50, max-pool 2,
 * dense 500 ReLU, softmax 10. As in Caffe, the conv layers have no nonlinearity of their own.
 * 431,080 parameters at width 1 on 28x28x1 input.
 */
public final class LeNet5 {
    public static final int CONV1_FILTERS = 20;
    public static final int CONV2_FILTERS = 50;
    public static final int HIDDEN = 500;
    private static final int KERNEL = 5;

    private LeNet5() {
    }

    public static MultiLayerConfiguration configuration(RunConfig cfg) {
        var data = cfg.data();
        var reg = cfg.regularizer();
        int c1 = cfg.model().scaled(CONV1_FILTERS);
        int c2 = cfg.model().scaled(CONV2_FILTERS);
        int hidden = cfg.model().scaled(HIDDEN);
        int cells2 = outSide(data.imageHeight()) * outSide(data.imageWidth());
        return Networks.base(cfg).list()
                .layer(Networks.convolution(cfg, KERNEL, KERNEL).nIn(data.imageChannels()).nOut(c1)
                        .activation(Activation.IDENTITY)
                        .regularization(WeightPenalties.forConv(reg, c1, data.imageChannels(), KERNEL, KERNEL)).build())
                .layer(Networks.maxPool2x2(cfg))
                .layer(Networks.convolution(cfg, KERNEL, KERNEL).nOut(c2).activation(Activation.IDENTITY)
                        .regularization(WeightPenalties.forConv(reg, c2, c1, KERNEL, KERNEL)).build())
                .layer(Networks.maxPool2x2(cfg))
                .layer(Networks.dense(cfg, new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU)
                        .regularization(WeightPenalties.forDense(reg, (long) c2 * cells2, hidden)).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(data.numClasses())
                        .activation(Activation.SOFTMAX)
                        .regularization(WeightPenalties.forDense(reg, hidden, data.numClasses())).build())
                .setInputType(InputType.convolutional(data.imageHeight(), data.imageWidth(), data.imageChannels()))
                .build();
    }

    /** A side's length after conv, pool, conv, pool. */
    private static int outSide(int side) {
        return ((side - KERNEL + 1) / 2 - KERNEL + 1) / 2;
    }
}
