package io.sparkprune.model.dense;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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
 * One dense layer's training step (forward plus backward, DL4J recomputing the pre-activation as it
 * does) on LeNet-5's 800 -> 500 at a shard's 32 and a whole minibatch's 64 rows and VGG-16 w0.25's
 * 128 -> 128, DL4J's DenseLayer against {@link FastDenseLayer}, alternated. Not a test: run its main
 * with the test classpath (see docs/performance.md). Args: steps per round (20), rounds (9), threads (1).
 */
public final class DenseLayerSpeed {
    private static final String WORKSPACE_ID = "DENSE_SPEED";
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyLearning(LearningPolicy.FIRST_LOOP).build();

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        NativeThreads.limit(args.length > 2 ? Integer.parseInt(args[2]) : 1);
        int[][] shapes = {{32, 800, 500}, {64, 800, 500}, {64, 128, 128}};
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE_ID, WORKSPACE).build();
        for (int[] s : shapes) {
            INDArray x = Nd4j.randn(DataType.FLOAT, s[0], s[1]);
            INDArray dy = Nd4j.randn(DataType.FLOAT, s[0], s[2]);
            DenseLayer plain = new DenseLayer.Builder().nIn(s[1]).nOut(s[2]).activation(Activation.RELU).build();
            List<Runnable> variants = new ArrayList<>();
            for (DenseLayer conf : List.of(plain, FastDenseLayer.of(plain))) {
                Layer layer = instantiate(conf);
                variants.add(() -> {
                    for (int k = 0; k < steps; k++) {
                        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
                                .getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
                            layer.setInput(x, mgr);
                            layer.activate(true, mgr);
                            layer.backpropGradient(dy, mgr);
                        }
                    }
                });
            }
            double[][] seconds = Interleaved.roundSeconds(variants, 1, rounds);
            System.out.printf("[%d, %d] -> %d: DL4J %7.1f us, fast %7.1f us per step; DL4J / fast %.2fx%n", s[0], s[1],
                    s[2], 1e6 * Interleaved.median(seconds[0]) / steps, 1e6 * Interleaved.median(seconds[1]) / steps,
                    Interleaved.medianRatio(seconds, 0, 1));
        }
    }

    private static Layer instantiate(DenseLayer conf) {
        NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
        long n = conf.initializer().numParams(nnc);
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5).muli(0.1);
        Layer layer = nnc.getLayer().instantiate(nnc, List.of(), 0, params, true, DataType.FLOAT);
        layer.setBackpropGradientsViewArray(Nd4j.zeros(DataType.FLOAT, 1, n));
        return layer;
    }

    private DenseLayerSpeed() {
    }
}
