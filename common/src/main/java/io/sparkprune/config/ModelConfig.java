package io.sparkprune.config;

import java.io.Serializable;

/** The architecture, its width multiplier and how its convolutions are computed. */
public record ModelConfig(Architecture arch, double width, ConvolutionImpl convolution) implements Serializable {
    public ModelConfig {
        ConfigKeys.MODEL_WIDTH.check(width);
    }

    /** A layer's filter count at this width, never below one. */
    public int scaled(int filters) {
        return Math.max(1, (int) Math.round(filters * width));
    }
}
