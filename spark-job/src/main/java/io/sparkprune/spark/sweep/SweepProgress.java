package io.sparkprune.spark.sweep;

import java.time.Duration;
import java.util.Locale;

/**
 * Counts finished points and estimates the time left from this run's pace (points resumed from
 * an earlier run count as done but not towards the pace). Thread-safe: grid-parallel points
 * finish on several driver threads.
 */
final class SweepProgress {
    private final int total;
    private final int alreadyDone;
    private final long startNanos = System.nanoTime();
    private int done;
    private int failed;

    SweepProgress(int total, int alreadyDone) {
        this.total = total;
        this.alreadyDone = alreadyDone;
    }

    /** Records one finished point and returns the progress line to show. */
    synchronized String finished(PointResult r) {
        done++;
        if (r.failed()) {
            failed++;
        }
        long elapsed = System.nanoTime() - startNanos;
        int remaining = total - alreadyDone - done;
        long eta = elapsed / done * remaining;
        return String.format(Locale.ROOT, "sweep: %d/%d points done, %d failed in this run, elapsed %s, ETA %s (last: %s %s%s)",
                alreadyDone + done, total, failed, clock(elapsed), clock(eta), r.point().id(), r.status(),
                r.failed() ? ": " + r.reason() : "");
    }

    static String clock(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
