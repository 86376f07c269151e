package io.sparkprune.halving;

import io.sparkprune.results.BestModels;
import io.sparkprune.results.Estimate;
import io.sparkprune.results.FloorSelection;
import io.sparkprune.results.ParetoFront;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.SweepResults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A halving sweep against the full grid of the same points: does halving find the full grid's
 * front, and at what share of its epochs? The floors are the full grid's (its baseline, which
 * halving always finishes, or its best unpruned setting). Per floor and regularizer: both sweeps' smallest models, the replicates where halving
 * picked the very same model (same point, same filters and params kept), and the params ratio halving / full paired
 * over replicates (1 where halving kept the full grid's winners; above 1 where it stopped them).
 *
 * @param frontSize  the models on the full grid's Pareto front (validation accuracy against params, every row)
 * @param frontKept  how many of those the halving sweep also finished
 */
public record FullGridComparison(double baselineAccuracy, List<Floor> floors, int frontSize, int frontKept,
                                 long halvingEpochs, long fullEpochs, double halvingTrainSeconds,
                                 double fullTrainSeconds) {

    /** One floor below the full grid's baseline. */
    public record Floor(double tolerance, double floor, List<Row> rows) {
    }

    /**
     * One regularizer at a floor.
     *
     * @param logRatio ln(params halving / params full) over the replicates where both reach the floor
     */
    public record Row(String regularizer, FloorSelection full, FloorSelection halving, int samePicks,
                      Optional<Estimate> logRatio) {
    }

    /**
     * Why the two tables cannot be compared (the first is no halving sweep, the second is one, or
     * the first holds points the second lacks), or empty when they can.
     */
    public static Optional<String> problem(List<ResultRecord> halvingAll, List<ResultRecord> fullAll) {
        if (HalvingSummary.of(halvingAll).isEmpty()) {
            return Optional.of("the sweep of --in is no halving sweep (sweep.schedule = halving): its rows carry no rung");
        }
        if (HalvingSummary.of(fullAll).isPresent()) {
            return Optional.of("it is a halving sweep too; give the directory of a full grid of the same points");
        }
        Set<String> fullIds = fullAll.stream().map(ResultRecord::pointId).collect(Collectors.toSet());
        List<String> missing = halvingAll.stream().map(ResultRecord::pointId).distinct()
                .filter(id -> !fullIds.contains(id)).toList();
        if (!missing.isEmpty()) {
            return Optional.of("the halving sweep's points " + missing + " are not in it: the two sweeps ran different grids");
        }
        return Optional.empty();
    }

    /** The comparison of two tables (every status) for which {@link #problem} is empty. */
    public static FullGridComparison of(List<ResultRecord> halvingAll, List<ResultRecord> fullAll) {
        problem(halvingAll, fullAll).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        List<ResultRecord> halving = SweepResults.succeeded(halvingAll);
        List<ResultRecord> full = SweepResults.succeeded(fullAll);
        BestModels fullBest = BestModels.of(full);
        BestModels halvingBest = BestModels.of(halving);
        double base = fullBest.baselineAccuracy();
        List<Floor> floors = new ArrayList<>();
        for (double tolerance : BestModels.TOLERANCES) {
            double floor = base - tolerance;
            Map<String, FloorSelection> h = halvingBest.at(floor);
            List<Row> rows = new ArrayList<>();
            fullBest.at(floor).forEach((reg, f) -> {
                FloorSelection hs = h.getOrDefault(reg, new FloorSelection(reg, floor, Map.of()));
                rows.add(new Row(reg, f, hs, samePicks(f, hs), logRatio(hs, f)));
            });
            floors.add(new Floor(tolerance, floor, rows));
        }
        List<ResultRecord> front = ParetoFront.of(full, r -> r.paramsAfter(), r -> fullBest.basis().pruned(r));
        Set<String> finished = halving.stream().map(FullGridComparison::model).collect(Collectors.toSet());
        int kept = (int) front.stream().filter(r -> finished.contains(model(r))).count();
        HalvingSummary summary = HalvingSummary.of(halvingAll).orElseThrow();
        long fullEpochs = firstRowPerPoint(full).stream().mapToLong(r -> r.epochsTrained() != null ? r.epochsTrained()
                : summary.rungs().get(summary.rungs().size() - 1)).sum();
        return new FullGridComparison(base, floors, front.size(), kept, summary.epochsTrained(), fullEpochs,
                trainSeconds(halvingAll), trainSeconds(fullAll));
    }

    /** The halving sweep's epochs as a fraction of the full grid's. */
    public double epochFraction() {
        return (double) halvingEpochs / fullEpochs;
    }

    /**
     * A model of a sweep: its point and the network it prunes to. Not the threshold: two runs of one
     * point reach the same kept set at slightly different cut points when their builds round differently.
     */
    private static String model(ResultRecord r) {
        return r.pointId() + "@" + r.filtersAfter() + "/" + r.paramsAfter();
    }

    private static int samePicks(FloorSelection full, FloorSelection halving) {
        return (int) full.byReplicate().keySet().stream().filter(r -> full.of(r).isPresent()
                && halving.of(r).map(FullGridComparison::model).equals(full.of(r).map(FullGridComparison::model)))
                .count();
    }

    private static Optional<Estimate> logRatio(FloorSelection halving, FloorSelection full) {
        double[] d = full.byReplicate().keySet().stream().sorted()
                .filter(r -> full.of(r).isPresent() && halving.of(r).isPresent())
                .mapToDouble(r -> Math.log((double) halving.of(r).orElseThrow().paramsAfter()
                        / full.of(r).orElseThrow().paramsAfter()))
                .toArray();
        return d.length == 0 ? Optional.empty() : Optional.of(Estimate.of(d));
    }

    /** Training seconds over points (each point's time is on every one of its rows; stopped and failed points count). */
    private static double trainSeconds(List<ResultRecord> all) {
        return firstRowPerPoint(all).stream().mapToDouble(r -> r.trainSeconds() == null ? 0 : r.trainSeconds()).sum();
    }

    private static List<ResultRecord> firstRowPerPoint(List<ResultRecord> rows) {
        Map<String, ResultRecord> first = new LinkedHashMap<>();
        rows.forEach(r -> first.putIfAbsent(r.pointId(), r));
        return new ArrayList<>(first.values());
    }
}
