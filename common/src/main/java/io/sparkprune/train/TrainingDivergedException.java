package io.sparkprune.train;

/** The loss became NaN or infinite: the point's settings (lr, lambda) are unstable. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
