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

    /** Every image of the split, in file order. */
    public static LabeledImages readAll(DatasetName name, String dir, Split split, Configuration conf) {
        String hint = DatasetFiles.howToGet(name, dir);
        String what = name.configName() + " " + split.name().toLowerCase();
        if (name == DatasetName.CIFAR10) {
            List<DataFile> batches = new ArrayList<>();
            for (String batch : DatasetFiles.cifarBatches(split)) {
                batches.add(DataFile.findFirst(dir, List.of(batch), conf, what + " batch", hint));
            }
            return CifarReader.read(batches);
        }
        DataFile images = DataFile.findFirst(dir, DatasetFiles.idxCandidates(DatasetFiles.idxImages(split)), conf,
                what + " images", hint);
        DataFile labels = DataFile.findFirst(dir, DatasetFiles.idxCandidates(DatasetFiles.idxLabels(split)), conf,
                what + " labels", hint);
        return IdxReader.read(images, labels, name.height(), name.width());
    }
}
