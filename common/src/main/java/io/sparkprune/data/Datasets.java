package io.sparkprune.data;

import io.sparkprune.config.DataConfig;
import io.sparkprune.config.DatasetName;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads a dataset split from {@code data.dir} (a plain local path or any Hadoop FileSystem
 * URI) and applies {@code data.train-limit} / {@code data.test-limit}.
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * The split of {@code cfg.name()} found in {@code cfg.dir()}, limited to a class-balanced
     * subset when the split's limit is not 0 (see {@link BalancedSubset}).
     *
     * @throws DataFormatException when a file is missing or malformed (message says which and how to fix)
     */
    public static LabeledImages load(DataConfig cfg, Split split, Configuration conf) {
        LabeledImages all = readAll(cfg.name(), cfg.dir(), split, conf);
        return BalancedSubset.take(all, split == Split.TRAIN ? cfg.trainLimit() : cfg.testLimit());
    }

    /**
     * Fails as {@link #load} would when a file of either split is missing, reading only file metadata:
     * a run checks its input with it before writing anything.
     */
    public static void requirePresent(DataConfig cfg, Configuration conf) {
        for (Split split : Split.values()) {
            locate(cfg.name(), cfg.dir(), split, conf);
        }
    }

    /** Every image of the split, in file order. */
    public static LabeledImages readAll(DatasetName name, String dir, Split split, Configuration conf) {
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
