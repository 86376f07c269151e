package io.sparkprune.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Inference throughput of a pruned network against its original, measured in one process:
 * both warmed up, timed rounds alternate which goes first, the median round counts. The ratio
 * is what pruning buys at that batch size on this machine.
 */
public final class PrunedInference {
    private PrunedInference() {
    }

    /** Samples per second of both networks at one batch size, and pruned / original. */
    public record Row(int batchSize, double originalPerSecond, double prunedPerSecond) {
        public double ratio() {
            return prunedPerSecond / originalPerSecond;
        }

        @Override
        public String toString() {
            return String.format("batch %4d   original %10.1f samples/s   pruned %10.1f samples/s   ratio %.2fx",
                    batchSize, originalPerSecond, prunedPerSecond, ratio());
        }
    }

    /**
     * @param inputShape one example's shape, e.g. {1, 28, 28}
     * @param samples    samples per timed round and network (at least one batch)
     */
    public static List<Row> measure(MultiLayerNetwork original, MultiLayerNetwork pruned, long[] inputShape,
                                    int[] batchSizes, int samples, int rounds) {
        List<Row> rows = new ArrayList<>();
        for (int batch : batchSizes) {
            long[] shape = new long[inputShape.length + 1];
            shape[0] = batch;
            System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
            INDArray x = Nd4j.rand(original.params().dataType(), shape);
            int calls = Math.max(1, samples / batch);
            // One untimed round of each: the JIT must have compiled the Java kernels (the vector API is
            // slow until C2 compiles it) before anything is timed, at every batch size.
            seconds(original, x, calls);
            seconds(pruned, x, calls);
            double[] a = new double[rounds];
            double[] b = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean originalFirst = r % 2 == 0;
                if (originalFirst) {
                    a[r] = seconds(original, x, calls);
                }
                b[r] = seconds(pruned, x, calls);
                if (!originalFirst) {
                    a[r] = seconds(original, x, calls);
                }
            }
            rows.add(new Row(batch, (double) calls * batch / Interleaved.median(a), (double) calls * batch / Interleaved.median(b)));
        }
        return rows;
    }

    private static double seconds(MultiLayerNetwork net, INDArray x, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            net.output(x, false);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
