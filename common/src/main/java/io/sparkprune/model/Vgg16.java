package io.sparkprune.model;

import io.sparkprune.config.RunConfig;
import io.sparkprune.model.act.FastActivationLayer;
import io.sparkprune.model.bn.FastBatchNormalization;
import io.sparkprune.regularization.WeightPenalties;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/**
 * The CIFAR-10 VGG-16 of the pruning literature (Li et al. 2017, network slimming): thirteen 3x3
 * conv layers 64-64-M-128-128-M-256x3-M-512x3-M-512x3-M, each conv followed by batch norm and
 * ReLU, then dense 512 ReLU and softmax 10. About 15M parameters at width 1. With
 * {@code regularizer.target = auto | bn-scale} the conv penalty sits on each batch norm's gamma
 * ({@link PenalizedBatchNormalization}), the quantity pruning scores; {@code weights} puts it on W.
 */
public final class Vgg16 {
    /** Filters per conv layer; 0 marks a 2x2 max-pool. */
    static final int[] PLAN = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
    public static final int HIDDEN = 512;
    private static final int KERNEL = 3;

    private Vgg16() {
    }

    /**
     * A batch norm whose gamma carries {@code gammaPenalty} if there is one; else the configured
     * implementation ({@code model.convolution}: oneDNN for {@code fast}, DL4J's own for {@code dl4j}).
     */
    private static BatchNormalization batchNorm(RunConfig cfg, int channels, List<Regularization> gammaPenalty) {
        if (!gammaPenalty.isEmpty()) {
            return PenalizedBatchNormalization.of(channels, gammaPenalty);
        }
        return switch (cfg.model().convolution()) {
            case FAST -> FastBatchNormalization.of(channels);
            case DL4J -> new BatchNormalization.Builder().nOut(channels).build();
        };
    }

    /** ReLU in one pass each way for {@code fast} ({@link FastActivationLayer}), DL4J's own layer for {@code dl4j}. */
    private static ActivationLayer relu(RunConfig cfg) {
        return switch (cfg.model().convolution()) {
            case FAST -> FastActivationLayer.relu();
            case DL4J -> new ActivationLayer.Builder().activation(Activation.RELU).build();
        };
    }

    public static MultiLayerConfiguration configuration(RunConfig cfg) {
        var data = cfg.data();
        var reg = cfg.regularizer();
        NeuralNetConfiguration.ListBuilder list = Networks.base(cfg).convolutionMode(ConvolutionMode.Same).list();
        long channels = data.imageChannels();
        int pools = 0;
        for (int filters : PLAN) {
            if (filters == 0) {
                list.layer(Networks.maxPool2x2(cfg));
                pools++;
                continue;
            }
            int f = cfg.model().scaled(filters);
            boolean onScales = reg.target().penalizesScales();
            list.layer(Networks.convolution(cfg, KERNEL, KERNEL).nIn(channels).nOut(f)
                    .activation(Activation.IDENTITY).hasBias(true)
                    .regularization(onScales ? List.of() : WeightPenalties.forConv(reg, f, channels, KERNEL, KERNEL))
                    .build());
            list.layer(batchNorm(cfg, f, onScales ? WeightPenalties.forScales(reg, f) : List.of()));
            list.layer(relu(cfg));
            channels = f;
        }
        long cells = (long) (data.imageHeight() >> pools) * (data.imageWidth() >> pools);
        int hidden = cfg.model().scaled(HIDDEN);
        return list
                .layer(Networks.dense(cfg, new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU)
                        .regularization(WeightPenalties.forDense(reg, channels * cells, hidden)).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(data.numClasses())
                        .activation(Activation.SOFTMAX)
                        .regularization(WeightPenalties.forDense(reg, hidden, data.numClasses())).build())
                .setInputType(InputType.convolutional(data.imageHeight(), data.imageWidth(), data.imageChannels()))
                .build();
    }
}
