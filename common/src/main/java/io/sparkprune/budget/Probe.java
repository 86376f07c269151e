package io.sparkprune.budget;

import java.io.Serializable;

/** One point of a layer's sensitivity curve to measure: that layer alone cut at {@code threshold}. */
public record Probe(int layer, double threshold) implements Serializable {
}
