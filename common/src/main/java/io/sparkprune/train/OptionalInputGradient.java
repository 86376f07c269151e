package io.sparkprune.train;

/**
 * A runtime layer whose backward pass can leave out the gradient of its input. Training never reads
 * it for a network's first layer (DL4J's MultiLayerNetwork drops it; PyTorch's autograd never computes
 * it for inputs that need no gradient), so {@link LocalTrainer} switches it off there for a run.
 */
public interface OptionalInputGradient {
    /**
     * Whether backward passes compute the input gradient (they do until told otherwise); without it
     * they return null in its place. Returns whether the layer can leave it out now (false: unchanged).
     */
    boolean inputGradient(boolean needed);

    /** Whether backward passes compute the input gradient now. */
    boolean inputGradient();
}
