package io.sparkprune.config;

/**
 * Which quantity of a conv layer the penalty acts on ({@code regularizer.target}). Behind a batch
 * norm a filter's weights can be rescaled for free, so the quantity that matters there is BN's
 * per-channel scale gamma, which is also what pruning scores (see {@code FilterScore}).
 */
public enum RegularizerTarget implements Named {
    /** BN's gamma where a batch norm follows the conv, the conv weights elsewhere (the default). */
    AUTO("auto"),
    /** The conv weights, batch norm or not (the behaviour before this key existed). */
    WEIGHTS("weights"),
    /** BN's gamma only; needs an architecture with batch norm after its convs. */
    BN_SCALE("bn-scale");

    private final String configName;

    RegularizerTarget(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** Whether a conv followed by batch norm is penalised through BN's gamma rather than its weights. */
    public boolean penalizesScales() {
        return this != WEIGHTS;
    }
}
