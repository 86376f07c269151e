package io.sparkprune.model.conv;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-layer training cost of the two convolution kernels (oneDNN, im2col/framed) on the layer shapes
 * of LeNet-5 and VGG-16 width 0.25, batch 64, at 1 and 2 native threads: one training step of a layer
 * is what DL4J calls, one forward pass and one backward (with a helper, DL4J's backprop reuses the
 * forward's output).
 * Both kernels alternate in rounds in this one process. Not a test: run its main with the test
 * classpath (see docs/performance.md). Args: steps per round (20), timed rounds (7), native thread
 * counts (1,2), only shapes whose name contains this (all), batch (64), "forward" or "backward" to time one pass alone.
 */
public final class ConvKernelSpeed {
    /** A layer shape: channels in, filters, input side, kernel side, padding (stride 1). */
    record Shape(String name, int in, int out, int side, int k, int pad) {
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("lenet conv1 1->20 k5", 1, 20, 28, 5, 0),
            new Shape("lenet conv2 20->50 k5", 20, 50, 12, 5, 0),
            new Shape("vgg 3->16 @32", 3, 16, 32, 3, 1),
            new Shape("vgg 16->16 @32", 16, 16, 32, 3, 1),
            new Shape("vgg 16->32 @16", 16, 32, 16, 3, 1),
            new Shape("vgg 32->32 @16", 32, 32, 16, 3, 1),
            new Shape("vgg 32->64 @8", 32, 64, 8, 3, 1),
            new Shape("vgg 64->64 @8", 64, 64, 8, 3, 1),
            new Shape("vgg 64->128 @4", 64, 128, 4, 3, 1),
            new Shape("vgg 128->128 @4", 128, 128, 4, 3, 1),
            new Shape("vgg 128->128 @2", 128, 128, 2, 3, 1),
            // probes around LeNet's shapes: does channel blocking or size decide?
            new Shape("probe 1->16 k5 @28", 1, 16, 28, 5, 0),
            new Shape("probe 16->48 k5 @12", 16, 48, 12, 5, 0),
            new Shape("probe 20->50 k3 @12", 20, 50, 12, 3, 1),
            new Shape("probe 32->64 k5 @12", 32, 64, 12, 5, 0));

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int[] threadCounts = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt)
                .toArray() : new int[]{1, 2};
        String only = args.length > 3 ? args[3] : "";
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        String passes = args.length > 5 ? args[5] : "both";
        System.out.printf("%-24s %7s %12s %12s %8s%n", "shape", "threads", "oneDNN ms", "im2col ms", "dnn/i2c");
        for (Shape s : SHAPES) {
            if (!s.name().contains(only)) {
                continue;
            }
            for (int threads : threadCounts) {
                Layer dnnl = new Layer(s, batch, new DnnlConvolutionHelper(), 3, passes);
                Layer im2col = new Layer(s, batch, new Im2colConvolutionHelper(), 3, passes);
                List<Runnable> variants = new ArrayList<>();
                for (Layer l : List.of(dnnl, im2col)) {
                    variants.add(() -> {
                        NativeThreads.limit(threads);
                        for (int i = 0; i < steps; i++) {
                            l.step();
                        }
                    });
                }
                double[][] seconds = Interleaved.roundSeconds(variants, 1, rounds);
                System.out.printf("%-24s %7d %12.3f %12.3f %8.3f%n", s.name(), threads,
                        1e3 * Interleaved.median(seconds[0]) / steps, 1e3 * Interleaved.median(seconds[1]) / steps,
                        Interleaved.medianRatio(seconds, 0, 1));
            }
        }
    }

    /**
     * One layer's tensors and kernels: a training step runs forward and backward; "forward" or
     * "backward" times one pass alone.
     */
    static final class Layer {
        private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
        private final boolean forward, backward;
        private final ConvolutionHelper kernels;
        private final INDArray x, w, b, delta, dw, db;
        private final int[] kernel, stride = {1, 1}, pad, dilation = {1, 1};

        Layer(Shape s, int batch, ConvolutionHelper kernels, long seed, String passes) {
            forward = !passes.equals("backward");
            backward = !passes.equals("forward");
            this.kernels = kernels;
            Nd4j.getRandom().setSeed(seed);
            int out = s.side() + 2 * s.pad() - s.k() + 1;
            x = Nd4j.rand(DataType.FLOAT, batch, s.in(), s.side(), s.side());
            w = Nd4j.rand(DataType.FLOAT, s.out(), s.in(), s.k(), s.k()).subi(0.5);
            b = Nd4j.rand(DataType.FLOAT, 1, s.out());
            delta = Nd4j.rand(DataType.FLOAT, batch, s.out(), out, out).subi(0.5);
            dw = Nd4j.create(DataType.FLOAT, s.out(), s.in(), s.k(), s.k());
            db = Nd4j.create(DataType.FLOAT, 1, s.out());
            kernel = new int[]{s.k(), s.k()};
            pad = new int[]{s.pad(), s.pad()};
        }

        void step() {
            if (forward) {
                kernels.preOutput(x, w, b, kernel, stride, pad, null, null, ConvolutionMode.Truncate, dilation,
                        CNN2DFormat.NCHW, NO_WORKSPACES);
            }
            if (backward) {
                kernels.backpropGradient(x, w, b, delta, kernel, stride, pad, db, dw, new ActivationIdentity(), null,
                        null, null, ConvolutionMode.Truncate, dilation, CNN2DFormat.NCHW, NO_WORKSPACES);
            }
        }
    }

    private ConvKernelSpeed() {
    }
}
