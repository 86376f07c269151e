package io.sparkprune.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.sparkprune.config.Range.ANY;
import static io.sparkprune.config.Range.above;
import static io.sparkprune.config.Range.aboveBelow;
import static io.sparkprune.config.Range.aboveUpTo;
import static io.sparkprune.config.Range.atLeast;
import static io.sparkprune.config.ValueType.BOOLEAN;
import static io.sparkprune.config.ValueType.DOUBLE;
import static io.sparkprune.config.ValueType.INT;
import static io.sparkprune.config.ValueType.LONG;
import static io.sparkprune.config.ValueType.STRING;
import static io.sparkprune.config.ValueType.STRING_LIST;
import static io.sparkprune.config.ValueType.named;

/**
 * Every run setting, each declared once (one line: name, type, default, range, field, meaning).
 * A default here is also the value point ids leave out: changing one changes the ids of every
 * sweep that relied on it, so a new key's default must keep the old behaviour.
 */
public final class ConfigKeys {
    private static final List<ConfigKey<?>> DECLARED = new ArrayList<>(); // filled by key(), in declaration order

    public static final ConfigKey<DatasetName> DATA_NAME = key("data.name", named(DatasetName.class), DatasetName.MNIST, ANY, c -> c.data().name(), "dataset; image-folder: DIR/train/<class>/*.{jpg,jpeg,png} and DIR/test/<class>/*, DIR a folder, a .tar / .tar.gz archive or a Hadoop URI of either");
    public static final ConfigKey<String> DATA_DIR = key("data.dir", STRING, "data/mnist", ANY, c -> c.data().dir(), "directory or Hadoop FS URI (file://, hdfs://, s3a://) holding the dataset files");
    public static final ConfigKey<Integer> DATA_TRAIN_LIMIT = key("data.train-limit", INT, 0, atLeast(0), c -> c.data().trainLimit(), "use at most this many training examples, chosen class-balanced (0 = all)");
    public static final ConfigKey<Integer> DATA_TEST_LIMIT = key("data.test-limit", INT, 0, atLeast(0), c -> c.data().testLimit(), "use at most this many test examples, chosen class-balanced (0 = all)");
    public static final ConfigKey<Integer> DATA_VALIDATION = key("data.validation", INT, 0, atLeast(0), c -> c.data().validation(), "hold out this many training images as the validation split (class-balanced, the same images for every run on the same files, taken before data.train-limit): models never train on them, and sweep reports select thresholds, lambdas and models on them (0 = none: selections fall back to test accuracy; the shipped sweeps use 5000)");
    public static final ConfigKey<Integer> DATA_HEIGHT = key("data.height", INT, 0, atLeast(0), c -> c.data().height(), "image height the network sees; 0 = the dataset's own (image-folder: the first training image's; when set, other sizes are resized to it)");
    public static final ConfigKey<Integer> DATA_WIDTH = key("data.width", INT, 0, atLeast(0), c -> c.data().width(), "image width, as data.height");
    public static final ConfigKey<Integer> DATA_CHANNELS = key("data.channels", INT, 0, atLeast(0), c -> c.data().channels(), "1 (grey) or 3 (colour); 0 = the dataset's own (image-folder: the first training image's; when set, images are converted to it)");
    public static final ConfigKey<List<String>> DATA_CLASSES = key("data.classes", STRING_LIST, List.of(), ANY, c -> c.data().classes(), "image-folder class names in label order (empty = the sorted folder names under train/; each run records them)");
    public static final ConfigKey<Augmentation> DATA_AUGMENT = key("data.augment", named(Augmentation.class), Augmentation.NONE, ANY, c -> c.data().augment(), "crop-flip: each training image, each epoch, a random crop of it padded by 4 zero pixels and a random horizontal flip, drawn from train.seed alike in every spark.mode; test images never");
    public static final ConfigKey<Normalization> DATA_NORMALIZE = key("data.normalize", named(Normalization.class), Normalization.UNIT, ANY, c -> c.data().normalize(), "unit: pixel / 255; per-channel: then minus each channel's training-set mean, over its std (recorded in summary.json)");
    public static final ConfigKey<Architecture> MODEL_ARCH = key("model.arch", named(Architecture.class), Architecture.LENET5, ANY, c -> c.model().arch(), "network architecture");
    public static final ConfigKey<Double> MODEL_WIDTH = key("model.width", DOUBLE, 1.0, aboveUpTo(0, 4), c -> c.model().width(), "multiplies every layer's filter count (vgg16 at 0.25 trains on a laptop CPU)");
    public static final ConfigKey<ConvolutionImpl> MODEL_CONVOLUTION = key("model.convolution", named(ConvolutionImpl.class), ConvolutionImpl.FAST, ANY, c -> c.model().convolution(), "fast: convolutions (but single-input-channel layers and large inference batches, faster on im2col + gemm and a framed kernel), VGG's batch norm and max pooling on oneDNN where its natives load (-Dsparkprune.onednn=false: all on those kernels), dense layers on oneDNN's sgemm, Adam's step in Java's vector API; dl4j: DL4J's built-in code; same results");
    public static final ConfigKey<Integer> TRAIN_EPOCHS = key("train.epochs", INT, 2, atLeast(0), c -> c.train().epochs(), "training epochs");
    public static final ConfigKey<Integer> TRAIN_BATCH_SIZE = key("train.batch-size", INT, 64, above(0), c -> c.train().batchSize(), "minibatch size per worker");
    public static final ConfigKey<Double> TRAIN_LR = key("train.lr", DOUBLE, 0.001, aboveBelow(0, 1), c -> c.train().lr(), "Adam's learning rate");
    public static final ConfigKey<LearningRateSchedule> TRAIN_LR_SCHEDULE = key("train.lr-schedule", named(LearningRateSchedule.class), LearningRateSchedule.CONSTANT, ANY, c -> c.train().lrSchedule(), "linear: lr in the first epoch down to lr / epochs in the last, one step per epoch");
    public static final ConfigKey<Long> TRAIN_SEED = key("train.seed", LONG, 42L, ANY, c -> c.train().seed(), "seed of initialisation, shuffling and subsets");
    public static final ConfigKey<RegularizerType> REGULARIZER_TYPE = key("regularizer.type", named(RegularizerType.class), RegularizerType.L1L2, ANY, c -> c.regularizer().type(), "sparsity penalty on the filters; at lambda 0 any type runs (and is labelled) none");
    public static final ConfigKey<Double> REGULARIZER_LAMBDA = key("regularizer.lambda", DOUBLE, 0.0, atLeast(0), c -> c.regularizer().lambda(), "penalty strength (0 = no penalty)");
    public static final ConfigKey<RegularizerGroup> REGULARIZER_GROUP = key("regularizer.group", named(RegularizerGroup.class), RegularizerGroup.FILTER, ANY, c -> c.regularizer().group(), "weight grouping; which are valid depends on the type");
    public static final ConfigKey<Boolean> REGULARIZER_DENSE = key("regularizer.dense", BOOLEAN, false, ANY, c -> c.regularizer().dense(), "also regularize dense weights, one group per output neuron");
    public static final ConfigKey<RegularizerTarget> REGULARIZER_TARGET = key("regularizer.target", named(RegularizerTarget.class), RegularizerTarget.AUTO, ANY, c -> c.regularizer().target(), "what a conv layer's penalty acts on: auto: its batch norm's per-channel scales gamma where one follows (what pruning scores there), its weights elsewhere; bn-scale: gamma only (needs batch norm); weights: the conv weights everywhere");
    public static final ConfigKey<PruneRule> PRUNE_RULE = key("prune.rule", named(PruneRule.class), PruneRule.RELATIVE, ANY, c -> c.prune().rule(), "relative: s_f / max_g s_g < threshold; absolute: s_f < threshold; s_f is the filter's score: |BN gamma| behind a batch norm, the weight norm elsewhere");
    public static final ConfigKey<Double> PRUNE_THRESHOLD = key("prune.threshold", DOUBLE, 0.01, atLeast(0), c -> c.prune().threshold(), "pruning threshold tau");
    public static final ConfigKey<Integer> PRUNE_CURVE_POINTS = key("prune.curve-points", INT, 0, atLeast(0), c -> c.prune().curvePoints(), "besides the thresholds asked for, evaluate up to this many more where the set of kept filters changes (rows with threshold_kind = cut): all of them when there are at most this many, else this many spread evenly over the filter counts; 0 = only the thresholds asked for");
    public static final ConfigKey<Double> PRUNE_TARGET_ACCURACY = key("prune.target-accuracy", DOUBLE, 0.0, new Range(0, true, 1, true), c -> c.prune().targetAccuracy(), "besides the thresholds, a threshold per conv layer: the fewest parameters whose validation accuracy stays >= this (a row with threshold_kind = budget, threshold NaN; needs data.validation; no row for a model below it unpruned); 0 = off");
    public static final ConfigKey<Integer> PRUNE_FINETUNE_EPOCHS = key("prune.finetune-epochs", INT, 0, atLeast(0), c -> c.prune().finetuneEpochs(), "epochs of fine-tuning after pruning");
    public static final ConfigKey<SparkMode> SPARK_MODE = key("spark.mode", named(SparkMode.class), SparkMode.DATA_PARALLEL, ANY, c -> c.spark().mode(), "data-parallel: parameter averaging; grid-parallel: one task per sweep point");
    public static final ConfigKey<Integer> SPARK_AVERAGING_FREQUENCY = key("spark.averaging-frequency", INT, 20, above(0), c -> c.spark().averagingFrequency(), "minibatches between parameter averages");
    public static final ConfigKey<Integer> SPARK_TASK_THREADS = key("spark.task-threads", INT, 1, above(0), c -> c.spark().taskThreads(), "native threads per training task (1: one task per core; raise only with spark.task.cpus > 1)");

    public static final ConfigKey<SweepSchedule> SWEEP_SCHEDULE = key("sweep.schedule", named(SweepSchedule.class), SweepSchedule.FULL, ANY, c -> c.sweep().schedule(), "sweep only. full: every point trains train.epochs; halving: successive halving, every point trains sweep.halving.min-epochs, then at each rung (min-epochs x eta^k epochs, capped at train.epochs) the best 1/eta of each regularizer type's settings go on (ranked by Pareto dominance on validation accuracy and params kept of the grid thresholds' pruned models; needs data.validation; rungs read no test image), the others keep their rows with status = stopped");
    public static final ConfigKey<Integer> SWEEP_HALVING_MIN_EPOCHS = key("sweep.halving.min-epochs", INT, 1, above(0), c -> c.sweep().halvingMinEpochs(), "sweep.schedule = halving: epochs every point trains before the first rung (below train.epochs)");
    public static final ConfigKey<Integer> SWEEP_HALVING_ETA = key("sweep.halving.eta", INT, 3, atLeast(2), c -> c.sweep().halvingEta(), "sweep.schedule = halving: each rung keeps ceil(n / eta) of a regularizer type's n settings and multiplies the epochs by eta");

    /** Every key, in declaration order (the flat map's and the results table's column order). */
    public static final List<ConfigKey<?>> ALL = List.copyOf(DECLARED);

    private static final Map<String, ConfigKey<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ConfigKey::name, k -> k));

    private ConfigKeys() {
    }

    /** The key named {@code name}, or null. */
    public static ConfigKey<?> byName(String name) {
        return BY_NAME.get(name);
    }

    private static <T> ConfigKey<T> key(String name, ValueType<T> type, T defaultValue, Range range,
                                        Function<RunConfig, T> field, String description) {
        ConfigKey<T> key = new ConfigKey<>(name, type, defaultValue, range, field, description);
        DECLARED.add(key);
        return key;
    }
}
