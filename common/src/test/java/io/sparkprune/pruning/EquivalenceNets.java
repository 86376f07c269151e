package io.sparkprune.pruning;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;
import java.util.Random;

/**
 * Small double-precision networks on which pruning must be exact: no padding (a removed unit's
 * constant reaches every consumer position), nonzero biases and batch-norm betas (every fold is
 * nonzero), identity output (no softmax squashing differences) and unit weight norms set by hand,
 * so each rule and threshold removes a known set of units.
 */
final class EquivalenceNets {
    static final int PLAIN_SIDE = 12;
    static final int BN_SIDE = 10;
    /**
     * in 2x12x12 - conv0 3x3 tanh (8) - pool 2 - conv2 3x3 identity (6) - flatten 3x3 - dense3 relu (10)
     * - dense4 tanh (7) - output (4). Covers conv -> conv through pooling, conv -> dense across a 3x3
     * flatten, dense -> dense and dense -> output.
     */
    static final Map<Integer, double[]> PLAIN_NORMS = Map.of(
            0, new double[]{1.6, 0.04, 1.1, 0.8, 1.9, 0.02, 0.7, 1.3},
            2, new double[]{1.2, 0.03, 1.5, 0.6, 0.05, 1.8},
            3, new double[]{1.0, 1.4, 0.01, 0.9, 0.6, 1.7, 0.03, 1.2, 0.04, 1.1},
            4, new double[]{1.3, 0.02, 0.7, 1.5, 1.0, 0.06, 1.1});
    /**
     * in 2x10x10 - conv0 3x3 (8) - BN - relu - conv3 3x3 (6) - BN - relu - pool 2 - flatten 3x3 - output (4).
     * Covers conv -> BN -> activation -> conv and conv -> BN -> activation -> pool -> dense.
     */
    static final Map<Integer, double[]> BN_NORMS = Map.of(
            0, new double[]{1.6, 0.04, 1.1, 0.9, 1.9, 0.02, 0.8, 1.3},
            3, new double[]{1.2, 0.03, 1.5, 1.0, 0.05, 1.8});

    private EquivalenceNets() {
    }

    static MultiLayerNetwork plain() {
        return plain(PLAIN_SIDE, 2, 4);
    }

    /** {@link #plain()} on {@code side} x {@code side} x {@code channels} images with {@code classes} outputs. */
    static MultiLayerNetwork plain(int side, int channels, int classes) {
        var conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build())
                .layer(output(classes))
                .setInputType(InputType.convolutional(side, side, channels)).build();
        return init(new MultiLayerNetwork(conf), PLAIN_NORMS);
    }

    /** @param logStd DL4J's default batch-norm form (log10 of the std as parameter) or the variance form */
    static MultiLayerNetwork batchNormed(boolean logStd) {
        return batchNormed(logStd, BN_SIDE, 2, 4);
    }

    /** {@link #batchNormed(boolean)} on {@code side} x {@code side} x {@code channels} images with {@code classes} outputs. */
    static MultiLayerNetwork batchNormed(boolean logStd, int side, int channels, int classes) {
        var conf = base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(logStd).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(logStd).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(output(classes))
                .setInputType(InputType.convolutional(side, side, channels)).build();
        return init(new MultiLayerNetwork(conf), BN_NORMS);
    }

    /** {@code n} random images in [-1, 1) of {@code side} x {@code side} x 2. */
    static INDArray input(int side, int n) {
        return Nd4j.rand(DataType.DOUBLE, n, 2, side, side).subi(0.5).muli(2);
    }

    /** Units whose norm in {@code norms} is under {@code cut}: the ones a rule removes. */
    static int removedCount(double[] norms, double cut) {
        return (int) java.util.Arrays.stream(norms).filter(s -> s < cut).count();
    }

    /**
     * The original with every removed unit's output forced to {@code constant[u]} where its consumer
     * reads it: weights zeroed, and the bias (or, behind a batch norm, gamma = 0 and beta) set so that
     * the unit's path produces exactly that value. The reference for pruning with measured means.
     */
    static MultiLayerNetwork forced(MultiLayerNetwork net, PrunedNetwork pruned, Map<Integer, double[]> constant) {
        MultiLayerNetwork m = PruningFixtures.masked(net, pruned);
        for (PrunableLayer p : pruned.layers()) {
            for (int u = 0; u < p.units(); u++) {
                if (pruned.isKept(p, u)) {
                    continue;
                }
                double c = constant.get(p.index())[u];
                if (p.batchNorm() >= 0) {
                    // BN output = beta; the ReLU after it keeps it, as a mean measured after a ReLU is >= 0.
                    Layer bn = m.getLayer(p.batchNorm());
                    bn.getParam("gamma").putScalar(u, 0);
                    bn.getParam("beta").putScalar(u, c);
                } else {
                    IActivation fn = ((BaseLayer) NetworkTopology.layer(net, p.index())).getActivationFn();
                    m.getLayer(p.index()).getParam("b").putScalar(u, inverse(fn, c));
                }
            }
        }
        return m;
    }

    private static double inverse(IActivation fn, double y) {
        if (fn instanceof ActivationIdentity) {
            return y;
        }
        if (fn instanceof ActivationReLU && y >= 0) {
            return y;
        }
        if (fn instanceof ActivationTanH && Math.abs(y) < 1) {
            return 0.5 * Math.log((1 + y) / (1 - y));
        }
        throw new IllegalArgumentException("no inverse of " + fn + " at " + y);
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .convolutionMode(ConvolutionMode.Truncate);
    }

    private static OutputLayer output(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(classes).activation(Activation.IDENTITY).build();
    }

    /**
     * Unit weight vectors: a random direction scaled to the given norm. Biases in [0.1, 0.6] and betas in
     * [0.3, 0.8], so every removed unit feeds a nonzero constant (also through a ReLU); gammas follow the
     * weight norms (weak units get gamma 0.05), so a gamma-based score removes the same units.
     */
    private static MultiLayerNetwork init(MultiLayerNetwork net, Map<Integer, double[]> norms) {
        net.init();
        Random r = new Random(11);
        Nd4j.getRandom().setSeed(13);
        for (int i = 0; i < net.getnLayers(); i++) {
            Map<String, INDArray> params = net.getLayer(i).paramTable();
            for (var e : params.entrySet()) {
                INDArray p = e.getValue();
                switch (e.getKey()) {
                    case "b" -> fill(p, r, 0.1, 0.6);
                    case "beta" -> fill(p, r, 0.3, 0.8);
                    case "mean" -> fill(p, r, -0.2, 0.2);
                    case "var" -> fill(p, r, 0.5, 1.5);
                    case "log10stdev" -> fill(p, r, -0.15, 0.1);
                    default -> { }
                }
            }
        }
        for (var e : norms.entrySet()) {
            INDArray w = net.getLayer(e.getKey()).getParam("W");
            boolean conv = w.rank() == 4;
            double[] s = e.getValue();
            for (int u = 0; u < s.length; u++) {
                INDArray unit = conv ? w.get(NDArrayIndex.point(u), NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.all()) : w.get(NDArrayIndex.all(), NDArrayIndex.point(u));
                INDArray dir = Nd4j.randn(DataType.DOUBLE, unit.shape());
                unit.assign(dir.muli(s[u] / dir.norm2Number().doubleValue()));
            }
        }
        for (PrunableLayer p : NetworkTopology.prunableLayers(net, true)) {
            if (p.batchNorm() >= 0) {
                INDArray gamma = net.getLayer(p.batchNorm()).getParam("gamma");
                double[] s = norms.get(p.index());
                for (int u = 0; u < s.length; u++) {
                    gamma.putScalar(u, s[u] < 0.5 ? 0.05 : 0.8 + 0.7 * r.nextDouble());
                }
            }
        }
        return net;
    }

    private static void fill(INDArray p, Random r, double lo, double hi) {
        for (long k = 0; k < p.length(); k++) {
            p.putScalar(k, lo + (hi - lo) * r.nextDouble());
        }
    }
}
