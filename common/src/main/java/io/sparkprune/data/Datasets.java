package io.sparkprune.data;

import io.sparkprune.config.DataConfig;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.Normalization;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads a dataset split from {@code data.dir} (a plain local path or any Hadoop FileSystem
 * URI), holds out {@code data.validation} training images, applies {@code data.train-limit} /
 * {@code data.test-limit}, the pixel scaling of {@code data.normalize} (statistics from the
 * training images only) and, to training images only, the augmentation of {@code data.augment}.
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * The split of {@code cfg.name()} found in {@code cfg.dir()}, limited to a class-balanced
     * subset when the split's limit is not 0 (see {@link BalancedSubset}). A test split normalized
     * per channel reads the training split for its statistics: use {@link #testFor} when that is at hand.
     *
     * @throws DataFormatException when a file is missing or malformed (message says which and how to fix)
     */
    public static LabeledImages load(DataConfig cfg, Split split, Configuration conf) {
        if (split == Split.TEST) {
            return testFor(cfg, cfg.normalize() == Normalization.UNIT ? null : load(cfg, Split.TRAIN, conf), conf);
        }
        return trainAndValidation(cfg, conf)[0];
    }

    /** The training, validation and test images of a run, the training files read once. */
    public static DataSplits splits(DataConfig cfg, Configuration conf) {
        LabeledImages[] trainAndValidation = trainAndValidation(cfg, conf);
        return new DataSplits(trainAndValidation[0], trainAndValidation[1], testFor(cfg, trainAndValidation[0], conf));
    }

    /** The training images without the held-out ones, and the held-out ones, scaled alike. */
    private static LabeledImages[] trainAndValidation(DataConfig cfg, Configuration conf) {
        LabeledImages all = read(cfg, Split.TRAIN, conf);
        int[] heldOut = ValidationSplit.heldOut(all, cfg.validation());
        LabeledImages rest = heldOut.length == 0 ? all : all.select(ValidationSplit.rest(all.count(), heldOut));
        LabeledImages train = BalancedSubset.take(rest, cfg.trainLimit());
        PixelScaling scaling = cfg.normalize() == Normalization.UNIT ? PixelScaling.unit(train.channels())
                : PixelScaling.perChannel(train);
        train = train.withScaling(scaling).withAugmentation(cfg.augment());
        return new LabeledImages[] {train, all.select(heldOut).withScaling(scaling)};
    }

    /** The test split, scaled like {@code train} (as {@link #load} gave it; may be null for unit scaling). */
    public static LabeledImages testFor(DataConfig cfg, LabeledImages train, Configuration conf) {
        LabeledImages test = BalancedSubset.take(read(cfg, Split.TEST, conf), cfg.testLimit());
        return train == null ? test : test.withScaling(train.scaling());
    }

    private static LabeledImages read(DataConfig cfg, Split split, Configuration conf) {
        return cfg.name() == DatasetName.IMAGE_FOLDER ? ImageFolderReader.read(cfg, split, conf)
                : readAll(cfg.name(), cfg.dir(), split, conf);
    }

    /**
     * Fails as {@link #load} would when a file of either split is missing, reading only file metadata
     * (an image folder: its listing): a run checks its input with it before writing anything.
     */
    public static void requirePresent(DataConfig cfg, Configuration conf) {
        for (Split split : Split.values()) {
            if (cfg.name() == DatasetName.IMAGE_FOLDER) {
                ImageFolderSource.list(cfg.dir(), split, conf).classNames();
            } else {
                locate(cfg.name(), cfg.dir(), split, conf);
            }
        }
    }

    /** Every image of a built-in dataset's split, in file order. */
    public static LabeledImages readAll(DatasetName name, String dir, Split split, Configuration conf) {
        if (name == DatasetName.IMAGE_FOLDER) {
            throw new IllegalArgumentException("image folders are read with their DataConfig: use load");
        }
        List<DataFile> files = locate(name, dir, split, conf);
        return name == DatasetName.CIFAR10 ? CifarReader.read(files)
                : IdxReader.read(files.get(0), files.get(1), name.height(), name.width());
    }

    /** The split's files: the CIFAR-10 batches in order, or the IDX images then labels. */
    private static List<DataFile> locate(DatasetName name, String dir, Split split, Configuration conf) {
        String hint = DatasetFiles.howToGet(name, dir);
        String what = name.configName() + " " + split.name().toLowerCase();
        List<DataFile> files = new ArrayList<>();
        if (name == DatasetName.CIFAR10) {
            for (String batch : DatasetFiles.cifarBatches(split)) {
                files.add(DataFile.findFirst(dir, List.of(batch), conf, what + " batch", hint));
            }
            return files;
        }
        files.add(DataFile.findFirst(dir, DatasetFiles.idxCandidates(DatasetFiles.idxImages(split)), conf,
                what + " images", hint));
        files.add(DataFile.findFirst(dir, DatasetFiles.idxCandidates(DatasetFiles.idxLabels(split)), conf,
                what + " labels", hint));
        return files;
    }
}
