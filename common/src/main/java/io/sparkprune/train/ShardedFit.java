package io.sparkprune.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Minibatch training of a single JVM on every native thread by splitting each minibatch into
 * contiguous shards, one per thread: replicas that share the network's parameter array compute the
 * other shards' gradients while the network itself fits the first shard; before its updater runs,
 * the shards' gradients are summed into the network's. Each shard runs on a thread of its own with a
 * one-thread OpenMP team; the calling thread waits. DL4J's gradients are sums over examples that
 * the updater divides by the minibatch size, so the step is the unsharded step up to float summation
 * order, with every op on one thread: small layers (LeNet-5's) keep a core each busy where their
 * intra-op threads would mostly wait. Penalties apply once, in the network's updater.
 * <p>
 * Only for networks whose examples do not interact within a minibatch: batch norm's statistics and
 * dropout's masks would change with the split, so such networks keep one shard ({@link #shards}).
 */
final class ShardedFit implements AutoCloseable {
    private final MultiLayerNetwork net;
    private final List<MultiLayerNetwork> replicas = new ArrayList<>();
    /** One thread per shard, shard 0 the network's: each network keeps its thread and its workspaces. */
    private final List<ExecutorService> lanes = new ArrayList<>();
    private final List<TrainingListener> listeners;
    private final NativeThreads.Budget before;
    private final Join join = new Join();

    private ShardedFit(MultiLayerNetwork net, int shards) {
        this.net = net;
        this.before = NativeThreads.save();
        for (int i = 1; i < shards; i++) {
            MultiLayerNetwork replica = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
            replica.init(net.params(), false); // the same parameter array: the network's updates are theirs
            replica.initGradientsView();
            FirstLayerInputGradient.switchOff(replica); // the replica only ever trains
            replicas.add(replica);
        }
        for (int i = 0; i < shards; i++) {
            int lane = i;
            lanes.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sparkprune-batch-shard-" + lane);
                t.setDaemon(true);
                return t;
            }));
        }
        this.listeners = new ArrayList<>(net.getListeners());
        List<TrainingListener> withJoin = new ArrayList<>();
        withJoin.add(join); // first: the others see the whole minibatch's gradient
        withJoin.addAll(listeners);
        net.setListeners(withJoin);
        // every shard on one thread of its own: shards x threads would oversubscribe. The calling thread
        // only waits; OpenBLAS's thread setter (built on OpenMP) shrinks its OpenMP team as well, and
        // close() puts that back: left at 1, the VGG-16 steps after a sharded LeNet-5 ran ~20% slower
        NativeThreads.limitProcess(1);
    }

    /**
     * How many shards a minibatch of {@code net} gets with {@code threads} native threads: one per
     * thread, or 1 when its examples interact within a minibatch (batch norm, local response
     * normalization, dropout) or there is one thread.
     */
    static int shards(MultiLayerNetwork net, int threads) {
        if (threads < 2) {
            return 1;
        }
        for (NeuralNetConfiguration c : net.getLayerWiseConfigurations().getConfs()) {
            var layer = c.getLayer();
            boolean coupled = layer instanceof BatchNormalization || layer instanceof LocalResponseNormalization
                    || layer.getIDropout() != null
                    || layer instanceof BaseLayer b && b.getWeightNoise() != null;
            if (coupled) {
                return 1;
            }
        }
        return threads;
    }

    /** Starts sharded training of {@code net} ({@code shards >= 2}); {@link #close} restores the thread budget. */
    static ShardedFit start(MultiLayerNetwork net, int shards) {
        if (shards < 2) {
            throw new IllegalArgumentException("sharded training needs >= 2 shards, got " + shards);
        }
        return new ShardedFit(net, shards);
    }

    /**
     * Starts one training step on {@code batch}: the network's {@code fit} on the first shard, its
     * gradient joined with the other shards' before the update, every shard on its own thread. The
     * calling thread is free (e.g. to build the next minibatch) until it calls {@link Step#end}, which it
     * must before the next step.
     */
    Step begin(DataSet batch) {
        int n = batch.numExamples();
        int shards = Math.min(replicas.size() + 1, n);
        List<Future<Double>> others = new ArrayList<>();
        for (int s = 1; s < shards; s++) {
            MultiLayerNetwork replica = replicas.get(s - 1);
            INDArray features = rows(batch.getFeatures(), n, shards, s);
            INDArray labels = rows(batch.getLabels(), n, shards, s);
            others.add(lanes.get(s).submit(() -> {
                NativeThreads.limitCallingThread(1);
                replica.setInput(features);
                replica.setLabels(labels);
                replica.computeGradientAndScore();
                return replica.score() * features.size(0);
            }));
        }
        join.expect(others, start(n, shards, 1), n);
        DataSet first = new DataSet(rows(batch.getFeatures(), n, shards, 0), rows(batch.getLabels(), n, shards, 0));
        Future<?> own = lanes.get(0).submit(() -> {
            NativeThreads.limitCallingThread(1);
            net.fit(first);
        });
        return () -> {
            try {
                result(own);
                join.check();
            } finally {
                join.await(); // the replicas read the parameters: none may outlive the step that updates them
            }
        };
    }

    /** A step started by {@link #begin}. */
    interface Step {
        /** Waits for the step (its update included) and rethrows a shard's failure. */
        void end();
    }

    /** Waits for {@code f} (uninterruptibly: the step writes the parameters) and rethrows its failure. */
    private static <T> T result(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException("a minibatch shard failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdown);
        net.setListeners(listeners);
        // the op threads come back; BLAS stays on one thread, as the Java convolution kernels leave it
        // (RowMajorGemm): restoring a fresh JVM's two BLAS threads made the VGG-16 steps that followed a
        // sharded LeNet-5 ~25% slower, their spin-waits taking a core's share from the OpenMP threads
        new NativeThreads.Budget(before.threads(), 1).restore();
    }

    private static INDArray rows(INDArray a, int n, int shards, int shard) {
        return a.get(NDArrayIndex.interval(start(n, shards, shard), start(n, shards, shard + 1)));
    }

    private static int start(int n, int shards, int shard) {
        return (int) ((long) n * shard / shards);
    }

    /**
     * Runs when the network has its first shard's gradient, before its updater: adds the replicas'
     * gradients and rescales the sum so that the updater's division by the first shard's size divides
     * by the whole minibatch's; the score becomes the minibatch's mean.
     */
    private final class Join extends BaseTrainingListener {
        private List<Future<Double>> others = List.of();
        private int first;
        private int n;
        private RuntimeException failure;
        private boolean joined;

        void expect(List<Future<Double>> others, int first, int n) {
            this.others = others;
            this.first = first;
            this.n = n;
            this.failure = null;
            this.joined = false;
        }

        @Override
        public void onGradientCalculation(Model model) {
            double scoreSum = net.score() * first;
            INDArray gradient = net.getGradientsViewArray();
            await();
            if (failure != null) {
                throw failure;
            }
            for (int s = 0; s < others.size(); s++) {
                gradient.addi(replicas.get(s).getGradientsViewArray());
                scoreSum += ShardedFit.result(others.get(s));
            }
            gradient.muli((double) first / n);
            net.setScore(scoreSum / n);
            joined = true;
        }

        /** Fails the step if the network's fit ended without joining the shards (no update may skip them). */
        void check() {
            if (failure != null) {
                throw failure;
            }
            if (!joined) {
                throw new IllegalStateException("the minibatch's shards were not joined into the network's gradient");
            }
        }

        /** Waits for every replica, even after a failure or an interrupt (they read the shared parameters). */
        void await() {
            boolean interrupted = false;
            for (Future<Double> f : others) {
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (ExecutionException e) {
                        if (failure == null) {
                            failure = new IllegalStateException("a minibatch shard failed", e.getCause());
                        }
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
