package io.sparkprune.spark.sweep;

import io.sparkprune.halving.HalvingRungs;
import io.sparkprune.sweep.GridPoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The progress line of a halving sweep: the rung, the points alive, the points measured at it, and
 * the time left from this run's pace per epoch over the epochs still to train (this rung's unmeasured
 * points, then each later rung's survivors as {@link HalvingRungs#kept} predicts them).
 * Thread-safe: grid-parallel points finish on several driver threads.
 */
final class HalvingProgress {
    private final List<Integer> rungs;
    private final int eta;
    private final int replicates;
    private final long startNanos = System.nanoTime();
    private long epochsDone;
    private int rung;
    private int alive;
    private int todo;
    private int measured;
    private Map<String, Integer> settingsPerType = Map.of();

    HalvingProgress(List<Integer> rungs, int eta, int replicates) {
        this.rungs = rungs;
        this.eta = eta;
        this.replicates = replicates;
    }

    synchronized void rungStarted(int rung, List<GridPoint> alivePoints, int toMeasure) {
        this.rung = rung;
        this.alive = alivePoints.size();
        this.todo = toMeasure;
        this.measured = 0;
        Map<String, Set<String>> settings = new LinkedHashMap<>();
        alivePoints.forEach(p -> settings.computeIfAbsent(p.config().regularizer().type().configName(),
                t -> new TreeSet<>()).add(p.settingId()));
        Map<String, Integer> counts = new LinkedHashMap<>();
        settings.forEach((type, ids) -> counts.put(type, HalvingRungs.kept(ids.size(), eta)));
        this.settingsPerType = counts;
    }

    /** Records one measured point and returns the progress line to show. */
    synchronized String measured(PointResult r) {
        measured++;
        epochsDone += span(rung);
        long elapsed = System.nanoTime() - startNanos;
        long epochsLeft = (long) (todo - measured) * span(rung)
                + (rung + 1 < rungs.size() ? HalvingRungs.epochsLeft(rungs, rung + 1, settingsPerType, replicates, eta) : 0);
        long remaining = elapsed / Math.max(1, epochsDone) * epochsLeft;
        return String.format(Locale.ROOT, "sweep: halving rung %d of 0-%d (%d epochs), %d points alive, %d/%d measured, "
                        + "elapsed %s, ETA %s (last: %s %s%s)", rung, rungs.size() - 1, rungs.get(rung), alive, measured,
                todo, SweepProgress.clock(elapsed), SweepProgress.clock(remaining), r.point().id(), r.status(),
                r.failed() ? ": " + r.reason() : "");
    }

    private int span(int k) {
        return rungs.get(k) - (k == 0 ? 0 : rungs.get(k - 1));
    }
}
