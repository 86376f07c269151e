package io.sparkprune.config;

import java.io.Serializable;
import java.util.List;

/**
 * Which dataset, where it lives, how much of it a run uses (0 = all), how many training images it holds
 * out for validation, the image geometry and class
 * names (0 / empty = the dataset's own; an image folder's are filled in from its files before a run,
 * see {@code io.sparkprune.data.ImageFolderShape}), and how training images are augmented and normalized.
 */
public record DataConfig(DatasetName name, String dir, int trainLimit, int testLimit, int validation, int height,
                         int width, int channels, List<String> classes, Augmentation augment, Normalization normalize)
        implements Serializable {
    public DataConfig {
        ConfigKeys.DATA_DIR.check(dir);
        ConfigKeys.DATA_TRAIN_LIMIT.check(trainLimit);
        ConfigKeys.DATA_TEST_LIMIT.check(testLimit);
        ConfigKeys.DATA_VALIDATION.check(validation);
        ConfigKeys.DATA_HEIGHT.check(height);
        ConfigKeys.DATA_WIDTH.check(width);
        ConfigKeys.DATA_CHANNELS.check(channels);
        if (channels > 0 && channels != 1 && channels != 3) {
            throw ConfigException.forKey(ConfigKeys.DATA_CHANNELS.name(),
                    "must be 1 (grey), 3 (colour) or 0 (from the data), got " + channels);
        }
        classes = List.copyOf(ConfigKeys.DATA_CLASSES.check(classes));
        if (name != DatasetName.IMAGE_FOLDER) {
            fixedByDataset(ConfigKeys.DATA_HEIGHT.name(), height, name.height());
            fixedByDataset(ConfigKeys.DATA_WIDTH.name(), width, name.width());
            fixedByDataset(ConfigKeys.DATA_CHANNELS.name(), channels, name.channels());
            if (!classes.isEmpty()) {
                throw ConfigException.forKey(ConfigKeys.DATA_CLASSES.name(), "only image-folder datasets name their classes; "
                        + name.configName() + " has its own ten");
            }
        } else if (classes.size() == 1 || classes.size() > 256 || classes.stream().distinct().count() != classes.size()) {
            throw ConfigException.forKey(ConfigKeys.DATA_CLASSES.name(),
                    "needs 2 to 256 distinct names, got " + classes);
        }
    }

    /** No validation split; defaults for the geometry, classes, augmentation and normalization. */
    public DataConfig(DatasetName name, String dir, int trainLimit, int testLimit) {
        this(name, dir, trainLimit, testLimit, ConfigKeys.DATA_VALIDATION.defaultValue(), ConfigKeys.DATA_HEIGHT.defaultValue(),
                ConfigKeys.DATA_WIDTH.defaultValue(), ConfigKeys.DATA_CHANNELS.defaultValue(),
                ConfigKeys.DATA_CLASSES.defaultValue(), ConfigKeys.DATA_AUGMENT.defaultValue(),
                ConfigKeys.DATA_NORMALIZE.defaultValue());
    }

    /** Image height the network sees. */
    public int imageHeight() {
        return known(ConfigKeys.DATA_HEIGHT.name(), height > 0 ? height : name.height());
    }

    public int imageWidth() {
        return known(ConfigKeys.DATA_WIDTH.name(), width > 0 ? width : name.width());
    }

    public int imageChannels() {
        return known(ConfigKeys.DATA_CHANNELS.name(), channels > 0 ? channels : name.channels());
    }

    /** Number of classes (output units). */
    public int numClasses() {
        return known(ConfigKeys.DATA_CLASSES.name(), classes.isEmpty() ? name.numClasses() : classes.size());
    }

    /** This config with the geometry and classes read from an image folder. */
    public DataConfig withShape(int height, int width, int channels, List<String> classes) {
        return new DataConfig(name, dir, trainLimit, testLimit, validation, height, width, channels, classes, augment,
                normalize);
    }

    private static void fixedByDataset(String key, int value, int datasetValue) {
        if (value != 0 && value != datasetValue) {
            throw ConfigException.forKey(key, "is " + datasetValue + " for this dataset; leave it at 0, got " + value);
        }
    }

    private int known(String key, int value) {
        if (value <= 0) {
            throw ConfigException.forKey(key, "not known yet for image-folder data in " + dir
                    + ": read it from the folder first (ImageFolderShape.resolve), as every sparkprune command does");
        }
        return value;
    }
}
