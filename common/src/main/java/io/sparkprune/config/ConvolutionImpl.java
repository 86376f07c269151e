package io.sparkprune.config;

/**
 * How convolutions are computed: {@code fast} (the default: oneDNN where its natives load, else
 * sparkprune's im2col + gemm) or {@code dl4j} (DL4J 1.0.0-M2's built-in code, the reference kept
 * for comparison). Both give the same results and the same parameters.
 */
public enum ConvolutionImpl implements Named {
    FAST("fast"),
    DL4J("dl4j");

    private final String configName;

    ConvolutionImpl(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
