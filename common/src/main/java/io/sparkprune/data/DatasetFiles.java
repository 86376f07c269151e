package io.sparkprune.data;

import io.sparkprune.config.DatasetName;

import java.util.List;

/**
 * The standard file names of each dataset and split, as the original releases (and the
 * fetcher) name them, and what to tell a user whose directory lacks them.
 */
public final class DatasetFiles {
    /** Where the CIFAR-10 binary version is published. */
    public static final String CIFAR10_BINARY_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";

    private DatasetFiles() {
    }

    /** IDX image file name without compression suffix, e.g. {@code train-images-idx3-ubyte}. */
    public static String idxImages(Split split) {
        return idxPrefix(split) + "-images-idx3-ubyte";
    }

    /** IDX label file name without compression suffix, e.g. {@code t10k-labels-idx1-ubyte}. */
    public static String idxLabels(Split split) {
        return idxPrefix(split) + "-labels-idx1-ubyte";
    }

    /** The CIFAR-10 binary batches of a split, in the order they are read. */
    public static List<String> cifarBatches(Split split) {
        return split == Split.TEST ? List.of("test_batch.bin")
                : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                        "data_batch_5.bin");
    }

    /** How to get the files of {@code name} into {@code dir}. */
    public static String howToGet(DatasetName name, String dir) {
        return switch (name) {
            case CIFAR10 -> "get them with `sparkprune data fetch cifar10 --dir " + dir + "` (the binary version, "
                    + CIFAR10_BINARY_URL + "), or from CIFAR-10 as JPEG files with `sparkprune data import cifar10"
                    + " --from IMAGES --dir " + dir + "`, or set data.dir to a folder that has them";
            case IMAGE_FOLDER -> "an image folder is the user's own: point data.dir at a folder or .tar/.tar.gz"
                    + " holding train/<class>/<image> and test/<class>/<image>";
            default -> "get them with `sparkprune data fetch " + name.configName() + " --dir " + dir
                    + "`, or set data.dir to a folder that has them";
        };
    }

    /** An IDX file is read raw or gzip-compressed, the raw one first. */
    static List<String> idxCandidates(String baseName) {
        return List.of(baseName, baseName + ".gz");
    }

    private static String idxPrefix(Split split) {
        return split == Split.TEST ? "t10k" : "train";
    }
}
