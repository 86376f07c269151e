package io.sparkprune.config;

/** The model zoo's architectures. */
public enum Architecture implements Named {
    LENET5("lenet5"),
    VGG16("vgg16");

    private final String configName;

    Architecture(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
