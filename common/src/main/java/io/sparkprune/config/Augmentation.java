package io.sparkprune.config;

/** {@code data.augment}: what happens to each training image before each epoch sees it. */
public enum Augmentation implements Named {
    NONE("none"),
    /** Random crop of the image padded by 4 zero pixels on each side, and a horizontal flip half of the time. */
    CROP_FLIP("crop-flip");

    private final String configName;

    Augmentation(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
