package io.sparkprune.spark.bench;

import io.sparkprune.bench.AugmentationCost;
import io.sparkprune.bench.BenchFigures;
import io.sparkprune.bench.PeerComparison;
import io.sparkprune.bench.PrunedInference;
import io.sparkprune.bench.PrunedPair;
import io.sparkprune.bench.RandomImages;
import io.sparkprune.bench.RegularizerOverhead;
import io.sparkprune.bench.TrainingThroughput;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.model.Networks;
import io.sparkprune.spark.SparkContexts;
import io.sparkprune.sweep.SweepGrid;
import io.sparkprune.train.NativeThreads;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The {@code bench} command's measurements, all on seeded random images of the workloads' shapes,
 * in one process so that every ratio compares like with like. Each figure is printed as it is
 * measured; {@link #run} returns them all for the closing JSON line.
 */
public final class BenchSuite {
    /**
     * Which measurements to run; PEER (PyTorch on the same networks) needs the -Ppeer build;
     * FULL_WIDTH is the paper's VGG-16 (width 1.0), what a cluster run of it costs.
     */
    public enum Suite { TRAINING, PRUNING, ALL, PEER, FULL_WIDTH }

    /**
     * Sizes of one run: the full run for the README's figures, the quick one for a smoke check. A
     * full grid point trains 6 epochs, like the shipped paper grid, so training, statistics and
     * threshold evaluation take the shares of a real sweep point (with 1 epoch the inference
     * phases weighed 3x more than in a real point). The data-parallel epoch has 16,384 images: 6-7 rounds
     * of averaging (2 workers x 20 minibatches of 64 each) as a real epoch has dozens; 4,096 gave 1-2.
     */
    record Sizes(int lenetImages, int vggImages, int sparkImages, int gridPoints, int gridImages, int gridEpochs,
                 int rounds, int regularizerSteps, int regularizerRounds, int inferenceSamples, int augmentImages,
                 int fullWidthImages) {
        static final Sizes FULL = new Sizes(2048, 256, 16384, 4, 1024, 6, 5, 10, 15, 8192, 8192, 512);
        static final Sizes QUICK = new Sizes(256, 32, 512, 2, 128, 1, 2, 2, 3, 512, 512, 16);
    }

    private static final double VGG_WIDTH = 0.25;
    /** CIFAR-10's training images: the epoch a full-width run's hours are quoted for. */
    private static final int CIFAR_TRAIN_IMAGES = 50_000;

    private final Sizes sizes;
    private final PrintWriter out;
    private final BenchFigures figures;

    public BenchSuite(boolean quick, PrintWriter out) {
        this.sizes = quick ? Sizes.QUICK : Sizes.FULL;
        this.out = out;
        this.figures = new BenchFigures(out);
    }

    public Map<String, Object> run(Suite suite) {
        figures.note("cores", Runtime.getRuntime().availableProcessors());
        figures.note("quick", sizes == Sizes.QUICK);
        if (suite == Suite.PEER) {
            figures.putAll(peer().run(sizes == Sizes.QUICK, out));
            return figures.asMap();
        }
        if (suite == Suite.FULL_WIDTH) {
            fullWidth();
            return figures.asMap();
        }
        if (suite != Suite.PRUNING) {
            training();
        }
        if (suite != Suite.TRAINING) {
            pruning();
        }
        return figures.asMap();
    }

    /** Whether the optional bench-peer module (PyTorch through DJL) is on the class path. */
    public static boolean peerAvailable() {
        return ServiceLoader.load(PeerComparison.class).findFirst().isPresent();
    }

    private static PeerComparison peer() {
        return ServiceLoader.load(PeerComparison.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "the peer suite is not on the class path (build with -Ppeer)"));
    }

    private void training() {
        RunConfig lenet = config("model.arch=lenet5", "data.name=mnist", "regularizer.type=none");
        LabeledImages mnist = RandomImages.of(DatasetName.MNIST, sizes.lenetImages(), 1);
        var single = TrainingThroughput.measure(lenet, mnist, sizes.rounds());
        put("single_samples_per_s", single.samplesPerSecond(), "LeNet-5 single-JVM training, samples/s");
        put("dl4j_default_samples_per_s", single.dl4jDefaultSamplesPerSecond(), "same with DL4J's defaults");
        put("single_vs_dl4j_default", single.speedup(), "speedup over DL4J's defaults");

        RunConfig vgg = config("model.arch=vgg16", "data.name=cifar10", "model.width=" + VGG_WIDTH,
                "regularizer.type=none");
        var vggSingle = TrainingThroughput.measure(vgg, RandomImages.of(DatasetName.CIFAR10, sizes.vggImages(), 2),
                Math.min(3, sizes.rounds()));
        put("vgg_single_samples_per_s", vggSingle.samplesPerSecond(), "VGG-16 (width " + VGG_WIDTH + ") single-JVM");
        put("vgg_dl4j_default_samples_per_s", vggSingle.dl4jDefaultSamplesPerSecond(), "same with DL4J's defaults");
        put("vgg_single_vs_dl4j_default", vggSingle.speedup(), "speedup over DL4J's defaults");
        var augment = AugmentationCost.measure(vgg, RandomImages.of(DatasetName.CIFAR10, sizes.augmentImages(), 6),
                RandomImages.of(DatasetName.CIFAR10, sizes.vggImages(), 7), sizes.rounds());
        put("augment_ms_per_batch", augment.msPerBatch(), "crop-flip's extra time per minibatch of "
                + vgg.train().batchSize() + " CIFAR images, ms");
        put("augment_s_per_cifar_epoch", augment.secondsPerEpoch50k(), "same over a 50,000-image epoch, s");
        put("augment_vs_vgg_step", augment.stepFraction(), "that / one VGG-16 (width " + VGG_WIDTH
                + ") training step (target < 0.05)");

        JavaSparkContext sc = new JavaSparkContext(SparkContexts.conf("sparkprune-bench", SparkContexts.DEFAULT_MASTER)
                .set("spark.ui.enabled", "false"));
        try {
            var spark = DataParallelThroughput.measure(sc, lenet,
                    RandomImages.of(DatasetName.MNIST, sizes.sparkImages(), 3), sizes.rounds(), NativeThreads.current());
            put("spark_single_samples_per_s", spark.singleSamplesPerSecond(), "LeNet-5 single-JVM (pair of the next)");
            put("spark_samples_per_s", spark.sparkSamplesPerSecond(),
                    "LeNet-5 data-parallel on " + sc.master() + ", samples/s");
            put("spark_vs_single", spark.sparkVsSingle(), "data-parallel / single-JVM");
        } finally {
            sc.stop();
        }

        SweepGrid grid = SweepGrid.from(ConfigLoader.load(null, List.of("model.arch=lenet5",
                "train.epochs=" + sizes.gridEpochs(),
                "regularizer.type=l1l2", "regularizer.lambda=1e-4", "sweep.grid.prune.threshold=[0.01,0.05]",
                "sweep.grid.train.seed=" + seeds(sizes.gridPoints()))));
        var scaling = GridScaling.measure(grid.points(), RandomImages.of(DatasetName.MNIST, sizes.gridImages(), 4),
                RandomImages.of(DatasetName.MNIST, 256, 5), grid.thresholds(), sizes == Sizes.QUICK ? 1 : 2);
        put("grid_points_per_hour_1", scaling.onePointsPerHour(), "grid-parallel, 1 executor core");
        put("grid_points_per_hour_2", scaling.twoPointsPerHour(), "grid-parallel, 2 executor cores");
        put("grid_parallel_scaling", scaling.scaling(), "2 cores / 1 core");

        double endToEnd = 0;
        double penalty = 0;
        for (RegularizerOverhead.Row row : RegularizerOverhead.measure(64, sizes.regularizerSteps(),
                sizes.regularizerRounds(), false)) {
            out.println("  " + row);
            endToEnd = Math.max(endToEnd, row.ratioVsNone());
            penalty = Math.max(penalty, row.penaltyOverhead());
        }
        put("regularizer_overhead_max", endToEnd, "slowest regularizer's step time / none (end to end)");
        put("regularizer_penalty_overhead_max", penalty, "same from the penalty's own time (less noisy)");
    }

    /**
     * VGG-16-BN at width 1.0 (the paper's model): training cost per sample on one core (an executor
     * core's share: grid- and data-parallel tasks run on one native thread each) and the parallel
     * efficiency of data-parallel training over all local cores; a run of E epochs on N such
     * executor cores takes about E x epoch_hours_1core / (N x efficiency).
     */
    private void fullWidth() {
        RunConfig vgg = config("model.arch=vgg16", "data.name=cifar10", "model.width=1.0", "regularizer.type=none");
        figures.note("vgg_full_params", Networks.create(vgg).numParams());
        JavaSparkContext sc = new JavaSparkContext(SparkContexts.conf("sparkprune-bench", SparkContexts.DEFAULT_MASTER)
                .set("spark.ui.enabled", "false"));
        try {
            var cost = DataParallelThroughput.measure(sc, vgg,
                    RandomImages.of(DatasetName.CIFAR10, sizes.fullWidthImages(), 8), Math.min(3, sizes.rounds()), 1);
            double msPerSample = 1000 / cost.singleSamplesPerSecond();
            int cores = sc.defaultParallelism();
            put("vgg_full_ms_per_sample_1core", msPerSample, "VGG-16-BN width 1.0 training on one core, ms per sample");
            put("vgg_full_epoch_hours_1core", msPerSample * CIFAR_TRAIN_IMAGES / 3.6e6,
                    "one CIFAR-10 epoch (50,000 images) on one core, hours");
            put("vgg_full_spark_samples_per_s", cost.sparkSamplesPerSecond(),
                    "data-parallel on " + sc.master() + " (" + cores + " one-thread tasks), samples/s");
            put("vgg_full_parallel_efficiency", cost.sparkSamplesPerSecond() / (cores * cost.singleSamplesPerSecond()),
                    "that / (" + cores + " x one core)");
        } finally {
            sc.stop();
        }
    }

    private void pruning() {
        RunConfig lenet = config("model.arch=lenet5", "data.name=mnist");
        PrunedPair pair = PrunedPair.of(lenet, PrunedPair.DEMO_KEPT);
        List<PrunedInference.Row> rows = PrunedInference.measure(pair.original(), pair.pruned(), new long[]{1, 28, 28},
                new int[]{1, 256}, sizes.inferenceSamples(), sizes.rounds());
        rows.forEach(r -> out.println("  " + r));
        put("pruned_flop_reduction", pair.flopReduction(), "LeNet-5 MACs / pruned MACs (filters kept 5, 12)");
        put("pruned_inference_speedup_batch1", rows.get(0).ratio(), "pruned / original inference, batch 1");
        put("pruned_inference_speedup", rows.get(1).ratio(), "pruned / original inference, batch 256");
        put("speedup_vs_flop_reduction", rows.get(1).ratio() / pair.flopReduction(), "target >= 0.5");
    }

    private void put(String key, double value, String what) {
        figures.put(key, value, what);
    }

    private static RunConfig config(String... sets) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of(sets)));
    }

    private static String seeds(int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            s.append(i == 1 ? "" : ",").append(i);
        }
        return s.append(']').toString();
    }
}
