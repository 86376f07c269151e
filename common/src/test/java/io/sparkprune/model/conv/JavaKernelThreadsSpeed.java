package io.sparkprune.model.conv;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java convolution kernels' per-image loops on 1 thread (what every thread count ran before
 * {@link ImageChunks}) against N threads, on the layers they compute in training (LeNet-5's first
 * layer, and a pruned first layer), batch 64, forward + backward, alternated rounds in one process.
 * Prints the wall-clock ratio and the ratio of the calling thread's CPU time: on a machine whose
 * other load takes the second core (Linux gives each session a fair share, so a busy machine leaves
 * this process about one core whatever its thread count) the wall clock cannot show the split, while
 * the calling thread's CPU time is the step's critical path when the chunks run side by side on an
 * idle machine. Not a test: run its main with the test classpath (see docs/performance.md).
 * Args: steps per round (10), timed rounds (7), threads (2).
 */
public final class JavaKernelThreadsSpeed {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-28s %10s %10s %12s %12s %10s%n", "layer (batch 64)", "1t ms", threads + "t ms",
                "wall ratio", "1t cpu ms", "cpu ratio");
        for (int[] s : new int[][]{{1, 20, 28}, {1, 5, 28}}) {
            String name = "conv " + s[0] + "->" + s[1] + " k5 @" + s[2];
            Layer layer = new Layer(s[0], s[1], s[2]);
            long[][] cpu = new long[2][rounds + 1];
            int[] calls = new int[2];
            List<Runnable> variants = new ArrayList<>();
            for (int v = 0; v < 2; v++) {
                int variant = v;
                variants.add(() -> {
                    NativeThreads.limit(variant == 0 ? 1 : threads);
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < steps; i++) {
                        layer.step();
                    }
                    // the first call is the warm-up round: keep the last `rounds` calls
                    cpu[variant][Math.min(calls[variant]++, rounds)] = mx.getCurrentThreadCpuTime() - c0;
                });
            }
            double[][] seconds = Interleaved.roundSeconds(variants, 1, rounds);
            double[][] cpuSeconds = new double[2][rounds];
            for (int v = 0; v < 2; v++) {
                for (int r = 0; r < rounds; r++) {
                    cpuSeconds[v][r] = cpu[v][r + 1] / 1e9;
                }
            }
            System.out.printf("%-28s %10.3f %10.3f %12.3f %12.3f %10.3f%n", name,
                    1e3 * Interleaved.median(seconds[0]) / steps, 1e3 * Interleaved.median(seconds[1]) / steps,
                    Interleaved.medianRatio(seconds, 1, 0), 1e3 * Interleaved.median(cpuSeconds[0]) / steps,
                    Interleaved.medianRatio(cpuSeconds, 1, 0));
        }
        NativeThreads.limit(threads);
    }

    /** One stride-1 5x5 layer on the Java kernels: random input, weights and output gradient. */
    private static final class Layer {
        private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
        private final Im2colConvolutionHelper kernels = new Im2colConvolutionHelper();
        private final INDArray x, w, b, delta, dw, db;
        private final int[] kernel = {5, 5}, stride = {1, 1}, pad = {0, 0}, dilation = {1, 1};

        Layer(int in, int out, int side) {
            Nd4j.getRandom().setSeed(3);
            int outSide = side - 4;
            x = Nd4j.rand(DataType.FLOAT, 64, in, side, side);
            w = Nd4j.rand(DataType.FLOAT, out, in, 5, 5).subi(0.5);
            b = Nd4j.rand(DataType.FLOAT, 1, out);
            delta = Nd4j.rand(DataType.FLOAT, 64, out, outSide, outSide).subi(0.5);
            dw = Nd4j.create(DataType.FLOAT, out, in, 5, 5);
            db = Nd4j.create(DataType.FLOAT, 1, out);
        }

        void step() {
            kernels.preOutput(x, w, b, kernel, stride, pad, null, null, ConvolutionMode.Truncate, dilation,
                    CNN2DFormat.NCHW, NO_WORKSPACES);
            kernels.backpropGradient(x, w, b, delta, kernel, stride, pad, db, dw, new ActivationIdentity(), null,
                    null, null, ConvolutionMode.Truncate, dilation, CNN2DFormat.NCHW, NO_WORKSPACES);
        }
    }

    private JavaKernelThreadsSpeed() {
    }
}
