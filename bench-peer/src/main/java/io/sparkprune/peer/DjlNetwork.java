package io.sparkprune.peer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

import java.util.Arrays;

/**
 * The DJL block of a sparkprune network, read layer by layer from its DL4J configuration, so the
 * peer trains the very network sparkprune trains (same sizes, padding, batch-norm placement; the
 * caller checks the parameter counts). Knows the layers LeNet-5 and VGG-16 use; anything else is
 * refused rather than approximated.
 */
final class DjlNetwork {
    private DjlNetwork() {
    }

    static SequentialBlock of(MultiLayerConfiguration conf) {
        SequentialBlock net = new SequentialBlock();
        boolean flat = false;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof ConvolutionLayer c && Networks.isConvolution(c)) {
                net.add(convolution(c));
                net.add(activation(c.getActivationFn(), layer));
            } else if (layer instanceof BatchNormalization bn) {
                net.add(BatchNorm.builder().optEpsilon((float) bn.getEps()).optMomentum((float) bn.getDecay()).build());
            } else if (layer instanceof ActivationLayer a) {
                net.add(activation(a.getActivationFn(), layer));
            } else if (layer instanceof SubsamplingLayer s && s.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                    && unpadded(s)) {
                net.add(Pool.maxPool2dBlock(shape(s.getKernelSize()), shape(s.getStride()), shape(s.getPadding())));
            } else if (layer instanceof OutputLayer o && o.getActivationFn() instanceof ActivationSoftmax) {
                flat = flatten(net, flat);
                net.add(Linear.builder().setUnits(o.getNOut()).build()); // softmax is inside the loss
            } else if (layer instanceof DenseLayer d) {
                flat = flatten(net, flat);
                net.add(Linear.builder().setUnits(d.getNOut()).optBias(d.hasBias()).build());
                net.add(activation(d.getActivationFn(), layer));
            } else {
                throw new IllegalArgumentException("no DJL counterpart for layer " + i + ": " + layer);
            }
        }
        return net;
    }

    private static Block convolution(ConvolutionLayer c) {
        int[] pad = c.getConvolutionMode() == ConvolutionMode.Same ? samePadding(c) : c.getPadding();
        return Conv2d.builder().setKernelShape(shape(c.getKernelSize())).optStride(shape(c.getStride()))
                .optPadding(shape(pad)).setFilters((int) c.getNOut()).optBias(c.hasBias()).build();
    }

    /** DL4J's Same mode at stride 1 with an odd kernel is symmetric padding of half the kernel. */
    private static int[] samePadding(ConvolutionLayer c) {
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        if (s[0] != 1 || s[1] != 1 || k[0] % 2 == 0 || k[1] % 2 == 0) {
            throw new IllegalArgumentException("Same padding is translated for stride 1, odd kernels only: " + c);
        }
        return new int[]{k[0] / 2, k[1] / 2};
    }

    /** Same-mode pooling whose window equals its stride pads nothing on the even sides VGG's maps have. */
    private static boolean unpadded(SubsamplingLayer s) {
        return s.getConvolutionMode() != ConvolutionMode.Same
                || Arrays.equals(s.getKernelSize(), s.getStride()) && s.getPadding()[0] == 0 && s.getPadding()[1] == 0;
    }

    private static boolean flatten(SequentialBlock net, boolean flat) {
        if (!flat) {
            net.add(Blocks.batchFlattenBlock());
        }
        return true;
    }

    private static Block activation(IActivation fn, Layer layer) {
        if (fn instanceof ActivationReLU) {
            return Activation.reluBlock();
        }
        if (fn instanceof ActivationIdentity) {
            return Blocks.identityBlock();
        }
        throw new IllegalArgumentException("no DJL counterpart for activation " + fn + " of " + layer);
    }

    private static Shape shape(int[] hw) {
        return new Shape(hw[0], hw[1]);
    }
}
