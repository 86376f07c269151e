package io.sparkprune.config;

/** The datasets sparkprune reads; each knows its image geometry. */
public enum DatasetName implements Named {
    MNIST("mnist", 28, 28, 1),
    FASHION_MNIST("fashion-mnist", 28, 28, 1),
    CIFAR10("cifar10", 32, 32, 3);

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

    public int numClasses() {
        return 10;
    }
}
