package io.sparkprune.model;

import io.sparkprune.bench.RandomImages;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.train.LocalTrainer;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Trains LeNet-5 (MNIST shape) or VGG-16-BN width 0.25 (CIFAR shape) on seeded random images at
 * batch 64, as {@code bench --suite peer} does, for a profiler to watch (async-profiler as a
 * {@code -agentpath}). Not a test: run its main with the test classpath (see docs/performance.md).
 * Args: lenet5|vgg16, images per epoch, epochs, native threads.
 */
public final class TrainingStepLoop {
    public static void main(String[] args) {
        boolean lenet = args[0].equals("lenet5");
        int images = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        NativeThreads.limit(Integer.parseInt(args[3]));
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, lenet
                ? List.of("model.arch=lenet5", "data.name=mnist", "regularizer.type=none")
                : List.of("model.arch=vgg16", "data.name=cifar10", "model.width=0.25", "regularizer.type=none")));
        LabeledImages data = RandomImages.of(lenet ? DatasetName.MNIST : DatasetName.CIFAR10, images, 1);
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, data, 1, cfg.train().batchSize(), cfg.train().seed()); // warm-up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            long main0 = threads.getCurrentThreadCpuTime();
            long process0 = os.getProcessCpuTime();
            LocalTrainer.fit(net, data, 1, cfg.train().batchSize(), cfg.train().seed());
            double seconds = (System.nanoTime() - t0) / 1e9;
            // the calling thread's CPU time bounds the step from below on an idle machine (its critical
            // path when the other threads' work overlaps it); the process's is all the work done
            System.out.printf("epoch %d: %.1f samples/s, main thread %.1f us/sample, process %.1f us/sample%n", e,
                    images / seconds, (threads.getCurrentThreadCpuTime() - main0) / 1e3 / images,
                    (os.getProcessCpuTime() - process0) / 1e3 / images);
        }
    }

    private TrainingStepLoop() {
    }
}
