package io.sparkprune.peer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import io.sparkprune.bench.BenchFigures;
import io.sparkprune.bench.Interleaved;
import io.sparkprune.bench.PeerComparison;
import io.sparkprune.bench.RandomImages;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.train.LocalTrainer;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.sparkprune.model.Networks;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * sparkprune's single-JVM training against PyTorch 2.7 (libtorch through DJL) on the identical
 * network, same seeded random images, same batch size, in this one process: both warmed up, then
 * rounds of one epoch each, alternating which goes first. The ratio is the median of the rounds'
 * paired ratios, which cancels load drifting between rounds on a shared machine.
 */
public final class PytorchPeer implements PeerComparison {
    /** One network to compare: its bench key, its settings and its images per round. */
    record Workload(String key, String label, DatasetName data, List<String> settings, int images, int quickImages,
                    int rounds) {
    }

    static final Workload LENET = new Workload("lenet", "LeNet-5 (MNIST shape)", DatasetName.MNIST,
            List.of("model.arch=lenet5", "data.name=mnist", "regularizer.type=none"), 2048, 256, 7);
    static final Workload VGG = new Workload("vgg", "VGG-16-BN width 0.25 (CIFAR shape)", DatasetName.CIFAR10,
            List.of("model.arch=vgg16", "data.name=cifar10", "model.width=0.25", "regularizer.type=none"), 512, 64, 5);

    @Override
    public Map<String, Object> run(boolean quick, PrintWriter out) {
        PeerEngine.configure();
        BenchFigures figures = new BenchFigures(out);
        figures.note("peer", "PyTorch " + Engine.getEngine(PeerEngine.PYTORCH).getVersion() + " (DJL "
                + Engine.getDjlVersion() + ")");
        figures.note("sparkprune_native_threads", NativeThreads.current());
        for (Workload w : List.of(LENET, VGG)) {
            measure(w, quick, figures);
        }
        return figures.asMap();
    }

    private static void measure(Workload w, boolean quick, BenchFigures figures) {
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, w.settings()));
        int batch = cfg.train().batchSize();
        long seed = cfg.train().seed();
        int count = quick ? w.quickImages() : w.images();
        LabeledImages images = RandomImages.of(w.data(), count, seed);
        MultiLayerNetwork sparkprune = Networks.create(cfg);
        Shape input = new Shape(batch, w.data().channels(), w.data().height(), w.data().width());
        try (DjlTraining pytorch = new DjlTraining(DjlNetwork.of(sparkprune.getLayerWiseConfigurations()), input,
                (float) cfg.train().lr(), seed)) {
            requireSameSize(w, sparkprune.numParams(), pytorch.parameterCount());
            figures.note(w.key() + "_params", sparkprune.numParams());
            List<Runnable> variants = List.of(
                    () -> LocalTrainer.fit(sparkprune, images, 1, batch, seed),
                    () -> pytorch.epoch(images, batch, seed));
            double[][] seconds = Interleaved.roundSeconds(variants, 1, quick ? 2 : w.rounds());
            figures.put(w.key() + "_samples_per_s", count / Interleaved.median(seconds[0]),
                    w.label() + " sparkprune single JVM, samples/s");
            figures.put(w.key() + "_pytorch_samples_per_s", count / Interleaved.median(seconds[1]),
                    "same network in PyTorch, samples/s");
            figures.put(w.key() + "_vs_pytorch", Interleaved.medianRatio(seconds, 1, 0),
                    "sparkprune / PyTorch throughput (median paired ratio)");
            double[] ratios = Interleaved.pairedRatios(seconds, 1, 0);
            figures.put(w.key() + "_vs_pytorch_min", Arrays.stream(ratios).min().orElseThrow(),
                    "lowest round's paired ratio");
            figures.put(w.key() + "_vs_pytorch_max", Arrays.stream(ratios).max().orElseThrow(),
                    "highest round's paired ratio");
        }
    }

    static void requireSameSize(Workload w, long sparkprune, long pytorch) {
        if (sparkprune != pytorch) {
            throw new IllegalStateException(w.label() + ": the PyTorch network has " + pytorch
                    + " parameters, sparkprune's " + sparkprune + ": they are not the same network");
        }
    }
}
