package io.sparkprune.prunable;

/**
 * A network or request the pruning cannot handle: an unsupported layer, a bad threshold, a file
 * that is not a DL4J model. The message says what, where, and how to fix it.
 */
public final class PruningException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PruningException(String message) {
        super(message);
    }

    public PruningException(String message, Throwable cause) {
        super(message, cause);
    }
}
