package io.sparkprune.model.pool;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * One 2x2 / 2 max-pooling layer's training step (forward plus backward) and its inference pass on
 * LeNet-5's two pooling inputs at a shard's 32 images and VGG-16 w0.25's first and third at 64,
 * DL4J's SubsamplingLayer (libnd4j) against {@link FastSubsamplingLayer} (oneDNN), alternated. Not a
 * test: run its main with the test classpath (see docs/performance.md). Args: steps per round (50),
 * rounds (9), threads (1).
 */
public final class PoolingSpeed {
    private static final String WORKSPACE_ID = "POOLING_SPEED";
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        NativeThreads.limit(args.length > 2 ? Integer.parseInt(args[2]) : 1);
        long[][] shapes = {{32, 20, 24, 24}, {32, 50, 8, 8}, {64, 16, 32, 32}, {64, 64, 8, 8}};
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE_ID, WORKSPACE).build();
        SubsamplingLayer plain = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                .stride(2, 2).build();
        for (long[] shape : shapes) {
            INDArray x = Nd4j.randn(DataType.FLOAT, shape);
            INDArray dy = Nd4j.randn(DataType.FLOAT, shape[0], shape[1], shape[2] / 2, shape[3] / 2);
            List<Runnable> training = new ArrayList<>();
            List<Runnable> inference = new ArrayList<>();
            for (SubsamplingLayer conf : List.of(plain, FastSubsamplingLayer.of(plain))) {
                Layer layer = instantiate(conf);
                training.add(() -> repeat(steps, () -> {
                    layer.activate(x, true, mgr);
                    layer.backpropGradient(dy, mgr);
                }));
                inference.add(() -> repeat(steps, () -> layer.activate(x, false, mgr)));
            }
            report("training", shape, steps, Interleaved.roundSeconds(training, 1, rounds));
            report("inference", shape, steps, Interleaved.roundSeconds(inference, 1, rounds));
        }
    }

    private static void repeat(int steps, Runnable step) {
        for (int k = 0; k < steps; k++) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
                step.run();
            }
        }
    }

    private static void report(String pass, long[] shape, int steps, double[][] seconds) {
        System.out.printf("%-9s [%d, %d, %d, %d]: DL4J %7.1f us, fast %7.1f us per step; DL4J / fast %.2fx%n", pass,
                shape[0], shape[1], shape[2], shape[3], 1e6 * Interleaved.median(seconds[0]) / steps,
                1e6 * Interleaved.median(seconds[1]) / steps, Interleaved.medianRatio(seconds, 0, 1));
    }

    private static Layer instantiate(SubsamplingLayer conf) {
        NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
        return nnc.getLayer().instantiate(nnc, List.of(), 0, null, true, DataType.FLOAT);
    }

    private PoolingSpeed() {
    }
}
