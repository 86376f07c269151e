package io.sparkprune.regularization;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * The geometry of one layer's weights, seen as {@code [nOut, nIn, spatial]}: one output filter
 * (or neuron) per slice of axis 0, one input channel per slice of axis 1. A penalty needs it in its
 * constructor because DL4J hands {@code Regularization.apply} a flat view of the weights.
 * Immutable; written into the network JSON.
 */
public final class LayerShape implements Serializable {
    private static final long serialVersionUID = 1L;

    @JsonProperty("nOut")
    private final long nOut;
    @JsonProperty("nIn")
    private final long nIn;
    @JsonProperty("spatial")
    private final long spatial;

    @JsonCreator
    public LayerShape(@JsonProperty("nOut") long nOut, @JsonProperty("nIn") long nIn,
                      @JsonProperty("spatial") long spatial) {
        if (nOut < 1 || nIn < 1 || spatial < 1) {
            throw new IllegalArgumentException("layer shape needs positive sizes, got [" + nOut + ", " + nIn
                    + ", " + spatial + "]");
        }
        this.nOut = nOut;
        this.nIn = nIn;
        this.spatial = spatial;
    }

    /** Conv weights [nOut, nIn, kH, kW]. */
    public static LayerShape conv(long nOut, long nIn, long kH, long kW) {
        return new LayerShape(nOut, nIn, kH * kW);
    }

    /** Dense weights [nIn, nOut]: a neuron is a group, an input feature a channel. */
    public static LayerShape dense(long nIn, long nOut) {
        return new LayerShape(nOut, nIn, 1);
    }

    /**
     * A batch norm's per-channel scales [1, channels]: one group per channel, so the FILTER and
     * ELEMENT groupings coincide there.
     */
    public static LayerShape scales(long channels) {
        return new LayerShape(channels, 1, 1);
    }

    public long nOut() {
        return nOut;
    }

    public long nIn() {
        return nIn;
    }

    public long spatial() {
        return spatial;
    }

    public long length() {
        return nOut * nIn * spatial;
    }

    /**
     * The weights as a {@code [nOut, nIn, spatial]} array that shares memory with {@code w}, so that
     * in-place edits of a gradient view reach the real gradient. Accepts what DL4J passes:
     * the shaped tensor in {@code score} (conv [nOut,nIn,kH,kW] 'c', dense [nIn,nOut] 'f') and the
     * flat [1,N] slice of the parameter vector in {@code apply} (the same buffers, flattened: a
     * dense 'f' [nIn,nOut] buffer reads as 'c' [nOut,nIn]).
     */
    public INDArray view(INDArray w) {
        if (w.length() != length()) {
            throw new IllegalArgumentException("weights of length " + w.length() + " do not fit " + this);
        }
        // A shaped dense matrix is [nIn, nOut]; transposing (a view) puts neurons first.
        INDArray neuronsFirst = w.rank() == 2 && !w.isVector() ? w.transpose() : w;
        return neuronsFirst.reshape('c', nOut, nIn, spatial);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerShape s && s.nOut == nOut && s.nIn == nIn && s.spatial == spatial;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nOut) * 961 + Long.hashCode(nIn) * 31 + Long.hashCode(spatial);
    }

    @Override
    public String toString() {
        return "LayerShape[nOut=" + nOut + ", nIn=" + nIn + ", spatial=" + spatial + "]";
    }
}
