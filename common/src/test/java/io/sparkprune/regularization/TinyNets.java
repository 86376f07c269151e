package io.sparkprune.regularization;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import io.sparkprune.model.PenalizedBatchNormalization;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.function.Function;

/** A conv 3x3 (4 filters) -> max-pool -> conv 2x2 (3) -> dense 5 -> softmax 3 net on 8x8x2 input. */
final class TinyNets {
    static final int CHANNELS = 2;
    static final int SIDE = 8;
    static final int CLASSES = 3;

    private TinyNets() {
    }

    /**
     * @param penalties the regularization of a weight tensor given its shape, or null to leave
     *                  the layers' regularization untouched (DL4J's default)
     */
    static MultiLayerConfiguration config(DataType dt, IUpdater updater, Function<LayerShape, List<Regularization>> penalties) {
        ConvolutionLayer.Builder c1 = new ConvolutionLayer.Builder(3, 3).nIn(CHANNELS).nOut(4).activation(Activation.TANH);
        ConvolutionLayer.Builder c2 = new ConvolutionLayer.Builder(2, 2).nIn(4).nOut(3).activation(Activation.TANH);
        DenseLayer.Builder d = new DenseLayer.Builder().nIn(3 * 2 * 2).nOut(5).activation(Activation.TANH);
        OutputLayer.Builder o = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(CLASSES)
                .activation(Activation.SOFTMAX);
        if (penalties != null) {
            c1.regularization(penalties.apply(LayerShape.conv(4, CHANNELS, 3, 3)));
            c2.regularization(penalties.apply(LayerShape.conv(3, 4, 2, 2)));
            d.regularization(penalties.apply(LayerShape.dense(12, 5)));
            o.regularization(penalties.apply(LayerShape.dense(5, CLASSES)));
        }
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(dt).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(c1.build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(c2.build())
                .layer(d.build())
                .layer(o.build())
                .setInputType(InputType.convolutional(SIDE, SIDE, CHANNELS))
                .build();
    }

    /**
     * conv 3x3 (4) -> batch norm -> ReLU -> conv 2x2 (3) -> batch norm -> ReLU -> dense 5 -> softmax 3:
     * each batch norm's gamma carries {@code gammaPenalty(channels)} (through
     * {@link PenalizedBatchNormalization}), the conv weights carry nothing.
     */
    static MultiLayerConfiguration withBatchNorm(DataType dt, IUpdater updater,
                                                 Function<Long, List<Regularization>> gammaPenalty) {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(dt).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(CHANNELS).nOut(4).activation(Activation.IDENTITY).build())
                .layer(PenalizedBatchNormalization.of(4, gammaPenalty.apply(4L)))
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nIn(4).nOut(3).activation(Activation.IDENTITY).build())
                .layer(PenalizedBatchNormalization.of(3, gammaPenalty.apply(3L)))
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIDE, SIDE, CHANNELS))
                .build();
    }

    static MultiLayerNetwork create(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Seeded random images with one-hot labels. */
    static DataSet data(DataType dt, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        var x = Nd4j.rand(dt, n, CHANNELS, SIDE, SIDE).subi(0.5);
        var y = Nd4j.zeros(dt, n, CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7 + 3) % CLASSES, 1.0);
        }
        return new DataSet(x, y);
    }
}
