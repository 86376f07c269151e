package io.sparkprune.prunable;

import java.io.Serializable;
import java.util.List;

/**
 * A layer whose output units (conv filters or dense neurons) can be removed, with the layers its
 * output flows through up to the layer that consumes it.
 *
 * @param index         the layer's index in the network
 * @param name          a readable name, e.g. {@code conv0} or {@code dense4}
 * @param conv          conv filters (true) or dense neurons (false)
 * @param units         output units (nOut)
 * @param batchNorm     index of the batch-norm layer that normalises this output, or -1
 * @param passThrough   layers between this one and the consumer (batch norm, activation, pooling)
 * @param consumer      index of the layer that reads this output
 * @param spatial       values per unit at the consumer's input: 1 for a conv consumer, H*W when a
 *                      dense consumer reads a flattened conv output
 */
public record PrunableLayer(int index, String name, boolean conv, int units, int batchNorm, List<Integer> passThrough,
                            int consumer, int spatial) implements Serializable {
    public PrunableLayer {
        passThrough = List.copyOf(passThrough);
    }

    /** The layer whose output the consumer reads (this one, or the last pass-through layer). */
    public int lastBeforeConsumer() {
        return passThrough.isEmpty() ? index : passThrough.get(passThrough.size() - 1);
    }
}
