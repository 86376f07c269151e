package io.sparkprune.config;

/**
 * The datasets sparkprune reads; each built-in one knows its image geometry. An image folder's
 * geometry and classes come from {@code data.height/width/channels/classes} (0 / empty: from the data).
 */
public enum DatasetName implements Named {
    MNIST("mnist", 28, 28, 1),
    FASHION_MNIST("fashion-mnist", 28, 28, 1),
    CIFAR10("cifar10", 32, 32, 3),
    IMAGE_FOLDER("image-folder", 0, 0, 0);

    private final String configName;
    private final int height;
    private final int width;
    private final int channels;

    DatasetName(String configName, int height, int width, int channels) {
        this.configName = configName;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @Override
    public String configName() {
        return configName;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /** Ten for the built-in datasets; 0 for an image folder, whose classes are its folders. */
    public int numClasses() {
        return this == IMAGE_FOLDER ? 0 : 10;
    }
}
