package io.sparkprune.budget;

import java.io.Serializable;

/**
 * The network with only {@code layer} cut at {@code threshold}: how many of that layer's units it
 * keeps, the whole network's parameters, and its accuracy on the validation images.
 */
public record SensitivityPoint(int layer, double threshold, int kept, long params, double valAccuracy)
        implements Serializable {
}
