package io.sparkprune.config;

import java.io.Serializable;

/** The architecture, its width multiplier and how its convolutions are computed. */
public record ModelConfig(Architecture arch, double width, ConvolutionImpl convolution) implements Serializable {
    public static final double MAX_WIDTH = 4.0;

    public ModelConfig {
        Check.positive("model.width", width);
        if (width > MAX_WIDTH) {
            throw ConfigException.forKey("model.width", "must be <= " + MAX_WIDTH + ", got " + width);
        }
    }

    /** A layer's filter count at this width, never below one. */
    public int scaled(int filters) {
        return Math.max(1, (int) Math.round(filters * width));
    }
}
