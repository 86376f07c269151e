package io.sparkprune.config;

/** The model zoo's architectures. */
public enum Architecture implements Named {
    LENET5("lenet5", false),
    VGG16("vgg16", true);

    private final String configName;
    private final boolean batchNorm;

    Architecture(String configName, boolean batchNorm) {
        this.configName = configName;
        this.batchNorm = batchNorm;
    }

    /** Whether every conv layer is followed by batch normalization. */
    public boolean hasBatchNorm() {
        return batchNorm;
    }

    @Override
    public String configName() {
        return configName;
    }
}
