package io.sparkprune.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code initial * (epochs - e) / epochs} in epoch {@code e}: linear decay per epoch that never
 * reaches zero. Epochs past the budget (fine-tuning a pruned copy that kept the epoch count) stay
 * at the last epoch's value, where DL4J's {@code PolySchedule} would go to zero and below.
 * Part of the layer configuration JSON, so it travels to executors with the model.
 */
public final class LinearDecay implements ISchedule {
    private static final long serialVersionUID = 1L;

    @JsonProperty("initial")
    private final double initial;
    @JsonProperty("epochs")
    private final int epochs;

    @JsonCreator
    public LinearDecay(@JsonProperty("initial") double initial, @JsonProperty("epochs") int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        this.initial = initial;
        this.epochs = epochs;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        int e = Math.min(Math.max(epoch, 0), epochs - 1);
        return initial * (epochs - e) / epochs;
    }

    /** Immutable, so a clone is the object itself. */
    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearDecay d && d.initial == initial && d.epochs == epochs;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(initial) * 31 + epochs;
    }

    @Override
    public String toString() {
        return "LinearDecay(" + initial + ", " + epochs + " epochs)";
    }
}
