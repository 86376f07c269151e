package io.sparkprune.spark.train;

/** What one training epoch achieved, as logged and recorded. */
public record EpochReport(int epoch, int epochs, double loss, double regularization, double testAccuracy,
                          double seconds, double samplesPerSecond) {

    /** Seconds left if the remaining epochs run as fast as this one. */
    public double etaSeconds() {
        return seconds * (epochs - epoch);
    }

    public String progressLine() {
        return String.format("epoch %d/%d  loss %.4f (penalty %.4f)  test accuracy %.4f  %.0f samples/s  %.1fs  ETA %.0fs",
                epoch, epochs, loss, regularization, testAccuracy, samplesPerSecond, seconds, etaSeconds());
    }
}
