package io.sparkprune.model;

import io.sparkprune.config.ConvolutionImpl;
import io.sparkprune.config.RunConfig;
import io.sparkprune.config.TrainConfig;
import io.sparkprune.model.adam.FastAdam;
import io.sparkprune.model.conv.FastConvolutionLayer;
import io.sparkprune.model.dense.FastDenseLayer;
import io.sparkprune.model.pool.FastSubsamplingLayer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Optional;

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

    /**
     * The warning {@code train} and {@code sweep} print once when the penalty sits on conv weights
     * that a batch norm follows ({@code regularizer.target = weights} on VGG-16): there the weight norm
     * is arbitrary (rescaling a filter changes nothing), and pruning scores those filters by |gamma|.
     */
    public static Optional<String> penaltyTargetWarning(RunConfig cfg) {
        var reg = cfg.regularizer();
        if (reg.isOff() || reg.target().penalizesScales() || !cfg.model().arch().hasBatchNorm()) {
            return Optional.empty();
        }
        return Optional.of("regularizer.target = weights on model.arch " + cfg.model().arch().configName()
                + ": batch norm follows every conv layer, so weight norms do not decide BN layers' filters (pruning "
                + "scores them by |BN gamma|, and a filter's weights can shrink without changing the network); "
                + "regularizer.target = auto puts the penalty on gamma");
    }

    /**
     * Whether {@code layer} is a plain 2-D convolution (DL4J's own or {@link FastConvolutionLayer}), the
     * kind pruning and costing understand; its other subclasses (deconvolution, depthwise, ...) are not.
     */
    public static boolean isConvolution(Layer layer) {
        return layer.getClass() == ConvolutionLayer.class || layer.getClass() == FastConvolutionLayer.class;
    }

    /** A convolution layer builder of the configured implementation ({@code model.convolution}). */
    static ConvolutionLayer.Builder convolution(RunConfig cfg, int kernelH, int kernelW) {
        return switch (cfg.model().convolution()) {
            case FAST -> new FastConvolutionLayer.Builder(kernelH, kernelW);
            case DL4J -> new ConvolutionLayer.Builder(kernelH, kernelW);
        };
    }

    /** {@code built} (a DenseLayer) as a dense layer of the configured implementation ({@code model.convolution}). */
    static Layer dense(RunConfig cfg, Layer built) {
        return switch (cfg.model().convolution()) {
            case FAST -> FastDenseLayer.of((DenseLayer) built);
            case DL4J -> built;
        };
    }

    /**
     * Whether {@code layer} is a plain dense layer (DL4J's own or {@link FastDenseLayer}), the kind
     * pruning and costing understand.
     */
    public static boolean isDense(Layer layer) {
        return layer.getClass() == DenseLayer.class || layer.getClass() == FastDenseLayer.class;
    }

    /** A 2x2 / 2 max-pooling layer of the configured implementation ({@code model.convolution}). */
    static Layer maxPool2x2(RunConfig cfg) {
        SubsamplingLayer built = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                .stride(2, 2).build();
        return switch (cfg.model().convolution()) {
            case FAST -> FastSubsamplingLayer.of(built);
            case DL4J -> built;
        };
    }

    /**
     * Whether {@code layer} is plain 2-D pooling (DL4J's own or {@link FastSubsamplingLayer}), not one of
     * DL4J's other subclasses (1-D, ...).
     */
    public static boolean isPooling(Layer layer) {
        return layer.getClass() == SubsamplingLayer.class || layer.getClass() == FastSubsamplingLayer.class;
    }

    /**
     * Settings shared by every architecture: seed, Adam, float weights, Xavier init. Cache mode
     * DEVICE keeps each layer's forward result for its backward pass, which DL4J otherwise
     * recomputes: a forward pass saved per training step.
     */
    static NeuralNetConfiguration.Builder base(RunConfig cfg) {
        return new NeuralNetConfiguration.Builder()
                .seed(cfg.train().seed())
                .cacheMode(CacheMode.DEVICE)
                .dataType(DataType.FLOAT)
                .updater(adam(cfg))
                .weightInit(WeightInit.XAVIER);
    }

    /** Adam; with {@code model.convolution = fast} its step runs in Java ({@link FastAdam}), else DL4J's. */
    private static Adam adam(RunConfig cfg) {
        TrainConfig train = cfg.train();
        boolean fast = cfg.model().convolution() == ConvolutionImpl.FAST;
        return switch (train.lrSchedule()) {
            case CONSTANT -> fast ? new FastAdam(train.lr()) : new Adam(train.lr());
            case LINEAR -> {
                var schedule = new LinearDecay(train.lr(), Math.max(1, train.epochs()));
                yield fast ? new FastAdam(schedule) : new Adam(schedule);
            }
        };
    }
}
