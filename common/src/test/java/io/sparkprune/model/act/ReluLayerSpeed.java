package io.sparkprune.model.act;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * One ReLU layer's training step (forward pass plus backward pass, batch 64) on VGG-16-BN width
 * 0.25's activation shapes, DL4J's ActivationLayer against {@link OnePassReluLayer}, alternated.
 * Not a test: run its main with the test classpath (see docs/performance.md).
 * Args: steps per round (20), rounds (7), native threads (1).
 */
public final class ReluLayerSpeed {
    private static final String WORKSPACE_ID = "RELU_SPEED";
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        NativeThreads.limit(args.length > 2 ? Integer.parseInt(args[2]) : 1);
        long[][] shapes = {{64, 16, 32, 32}, {64, 32, 16, 16}, {64, 64, 8, 8}, {64, 128, 4, 4}, {64, 128, 2, 2}};
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE_ID, WORKSPACE).build();
        for (long[] shape : shapes) {
            INDArray x = Nd4j.randn(DataType.FLOAT, shape);
            INDArray dy = Nd4j.randn(DataType.FLOAT, shape);
            List<Runnable> variants = new ArrayList<>();
            for (ActivationLayer conf : List.of(new ActivationLayer.Builder().activation(Activation.RELU).build(),
                    FastActivationLayer.relu())) {
                Layer layer = instantiate(conf);
                variants.add(() -> {
                    for (int s = 0; s < steps; s++) {
                        // one workspace opened per step, as DL4J's training loop does: allocations are cheap
                        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
                                .getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
                            layer.activate(x, true, mgr);
                            layer.backpropGradient(dy, mgr);
                        }
                    }
                });
            }
            double[][] seconds = Interleaved.roundSeconds(variants, 1, rounds);
            System.out.printf("%-18s DL4J %7.1f us, one-pass %7.1f us per step; DL4J / one-pass %.2fx%n",
                    java.util.Arrays.toString(shape), 1e6 * Interleaved.median(seconds[0]) / steps,
                    1e6 * Interleaved.median(seconds[1]) / steps, Interleaved.medianRatio(seconds, 0, 1));
        }
    }

    private static Layer instantiate(ActivationLayer conf) {
        NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
        return conf.instantiate(nnc, List.of(), 0, null, true, DataType.FLOAT);
    }

    private ReluLayerSpeed() {
    }
}
