package io.sparkprune.model;

import io.sparkprune.config.RunConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/** Builds the configured architecture; one definition serves local and Spark runs. */
public final class Networks {
    private Networks() {
    }

    /** The configuration of {@code model.arch} with the configured regularizer attached. */
    public static MultiLayerConfiguration configuration(RunConfig cfg) {
        return switch (cfg.model().arch()) {
            case LENET5 -> LeNet5.configuration(cfg);
            case VGG16 -> Vgg16.configuration(cfg);
        };
    }

    /** A freshly initialised network, its weights drawn from {@code train.seed}. */
    public static MultiLayerNetwork create(RunConfig cfg) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(cfg));
        net.init();
        return net;
    }

    /** Settings shared by every architecture: seed, Adam, float weights, Xavier init. */
    static NeuralNetConfiguration.Builder base(RunConfig cfg) {
        return new NeuralNetConfiguration.Builder()
                .seed(cfg.train().seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(cfg.train().lr()))
                .weightInit(WeightInit.XAVIER);
    }
}
