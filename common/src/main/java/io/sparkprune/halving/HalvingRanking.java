package io.sparkprune.halving;

import io.sparkprune.results.BestModels;
import io.sparkprune.results.ResultRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which settings of a successive-halving rung go on, from their measurements at that rung (pure:
 * the same rows give the same decision, so a resumed sweep decides as the uninterrupted one did).
 *
 * <p>The unit is the setting: its replicates go on or stop together, and its rows pool theirs. The
 * rows are each point's models pruned at the grid thresholds ({@link ResultRecord#grid}), placed by
 * validation accuracy (higher is better) and params kept (fewer is better):
 * <ol>
 * <li>Floor: only rows within {@link #FLOOR_DROP} of the rung's best validation accuracy (over every
 * type) compete, so a collapsed model that is tiny does not keep its point alive by being smallest.</li>
 * <li>Within each regularizer type, non-dominated sorting of those rows: front 1 is the rows no other
 * row dominates (at least as accurate and at most as many params, better in one), front 2 those only
 * front 1 dominates, and so on. A setting's front is the best front of any of its rows: a setting with
 * one model on the type's trade-off curve is worth training on, whichever end of it that model is.</li>
 * <li>Settings rank by front; within a front by what the report will select them on: how many of
 * their replicates have a grid model within {@link #SELECTION_DROP} of the baseline's unpruned
 * validation accuracy at this rung (more first), then those models' mean params (the smallest per
 * replicate; fewer first); then by best validation accuracy of any of their grid rows (higher first),
 * then by their first point's grid index (lower first): a total, deterministic order.</li>
 * <li>The best {@link HalvingRungs#kept ceil(n / eta)} of each type's n settings go on, so every type
 * stays represented.</li>
 * </ol>
 */
public final class HalvingRanking {
    /** How far below the rung's best validation accuracy a model still competes (as the pipeline's cut scan). */
    public static final double FLOOR_DROP = 0.05;
    /**
     * The tie-break's floor below the baseline (the report's widest, {@link BestModels#TOLERANCES}). After a
     * first epoch nearly every setting has a model on its type's front (its unpruned one, or a small one);
     * ranking those by accuracy kept each type's weakest penalty, which the full grid's smallest models at
     * the report's floors never came from (LeNet-5 protocol grid, docs/sweeps.md).
     */
    public static final double SELECTION_DROP = BestModels.TOLERANCES.get(BestModels.TOLERANCES.size() - 1);

    private HalvingRanking() {
    }

    /**
     * The verdicts of rung {@code rung} over {@code measured} (the alive points' rows at the rung, every
     * kind; only successful grid rows with a validation accuracy count), settings in ranking order per
     * type, types in order of their first point.
     */
    public static RungDecision decide(int rung, int epochs, List<ResultRecord> measured, int eta) {
        List<ResultRecord> rows = measured.stream()
                .filter(r -> r.ok() && r.grid() && r.valAccuracyAfterPrune() != null && r.paramsAfter() != null)
                .toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rung " + rung + ": no grid rows with a validation accuracy to rank");
        }
        double floor = rows.stream().mapToDouble(ResultRecord::valAccuracyAfterPrune).max().orElseThrow() - FLOOR_DROP;
        double selectionFloor = baselineAccuracy(rows) - SELECTION_DROP;
        Map<String, List<ResultRecord>> byType = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparingInt(ResultRecord::pointIndex))
                .forEach(r -> byType.computeIfAbsent(r.regularizer(), t -> new ArrayList<>()).add(r));
        List<SettingVerdict> verdicts = new ArrayList<>();
        byType.forEach((type, typeRows) -> verdicts.addAll(rankType(type, typeRows, floor, selectionFloor, eta)));
        return new RungDecision(rung, epochs, floor, selectionFloor, verdicts);
    }

    /**
     * The unpruned validation accuracy the report's floors hang from, at this rung: the mean over
     * replicates of the {@link BestModels#BASELINE} setting (the best one, if several), or of the best
     * setting when the sweep has no baseline.
     */
    static double baselineAccuracy(List<ResultRecord> rows) {
        Map<String, Map<String, Double>> unpruned = new TreeMap<>(); // setting -> point -> its unpruned accuracy
        rows.stream().filter(r -> r.valAccuracyBeforePrune() != null).forEach(r -> unpruned
                .computeIfAbsent(r.setting(), s -> new TreeMap<>()).put(r.pointId(), r.valAccuracyBeforePrune()));
        boolean withBaseline = rows.stream().anyMatch(r -> r.regularizer().equals(BestModels.BASELINE));
        return rows.stream().filter(r -> !withBaseline || r.regularizer().equals(BestModels.BASELINE))
                .map(ResultRecord::setting).distinct().filter(unpruned::containsKey)
                .mapToDouble(s -> unpruned.get(s).values().stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static List<SettingVerdict> rankType(String type, List<ResultRecord> rows, double floor,
                                                 double selectionFloor, int eta) {
        List<ResultRecord> competing = rows.stream().filter(r -> r.valAccuracyAfterPrune() >= floor).toList();
        int[] fronts = fronts(competing);
        Map<String, Candidate> settings = new LinkedHashMap<>();
        for (ResultRecord r : rows) {
            Candidate c = settings.computeIfAbsent(r.setting(), s -> new Candidate(s, r.pointIndex()));
            c.bestValAccuracy = Math.max(c.bestValAccuracy, r.valAccuracyAfterPrune());
            if (r.valAccuracyAfterPrune() >= selectionFloor) {
                c.smallestAtFloor.merge(r.pointId(), r.paramsAfter(), Math::min);
            }
        }
        for (int i = 0; i < competing.size(); i++) {
            Candidate c = settings.get(competing.get(i).setting());
            c.front = Math.min(c.front, fronts[i]);
        }
        List<Candidate> ranked = new ArrayList<>(settings.values());
        ranked.sort(Comparator.comparingInt((Candidate c) -> c.front)
                .thenComparing(Comparator.comparingInt((Candidate c) -> c.smallestAtFloor.size()).reversed())
                .thenComparingDouble(Candidate::meanParamsAtFloor)
                .thenComparing(Comparator.comparingDouble((Candidate c) -> c.bestValAccuracy).reversed())
                .thenComparingInt(c -> c.firstPointIndex));
        int keep = HalvingRungs.kept(ranked.size(), eta);
        List<SettingVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Candidate c = ranked.get(i);
            verdicts.add(new SettingVerdict(c.setting, type, c.firstPointIndex, c.front, c.smallestAtFloor.size(),
                    c.meanParamsAtFloor(), c.bestValAccuracy, i + 1, ranked.size(), keep, i < keep));
        }
        return verdicts;
    }

    /** Each row's non-dominated front, 1-based (quadratic per front: a rung has a few hundred rows). */
    static int[] fronts(List<ResultRecord> rows) {
        int[] front = new int[rows.size()];
        int assigned = 0;
        for (int f = 1; assigned < rows.size(); f++) {
            List<Integer> now = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (front[i] == 0 && !dominatedAmongUnassigned(rows, front, i)) {
                    now.add(i);
                }
            }
            for (int i : now) {
                front[i] = f;
            }
            assigned += now.size();
        }
        return front;
    }

    private static boolean dominatedAmongUnassigned(List<ResultRecord> rows, int[] front, int i) {
        for (int j = 0; j < rows.size(); j++) {
            if (j != i && front[j] == 0 && dominates(rows.get(j), rows.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** At least as accurate on validation and at most as many params, strictly better in one. */
    static boolean dominates(ResultRecord a, ResultRecord b) {
        double va = a.valAccuracyAfterPrune();
        double vb = b.valAccuracyAfterPrune();
        long pa = a.paramsAfter();
        long pb = b.paramsAfter();
        return va >= vb && pa <= pb && (va > vb || pa < pb);
    }

    /** A setting being ranked. */
    private static final class Candidate {
        final String setting;
        final int firstPointIndex;
        int front = SettingVerdict.NO_FRONT;
        double bestValAccuracy = Double.NEGATIVE_INFINITY;
        /** Per point (replicate), its fewest params among its models at the selection floor. */
        final Map<String, Long> smallestAtFloor = new TreeMap<>();

        Candidate(String setting, int firstPointIndex) {
            this.setting = setting;
            this.firstPointIndex = firstPointIndex;
        }

        /** Infinite when no replicate reaches the floor. */
        double meanParamsAtFloor() {
            return smallestAtFloor.values().stream().mapToLong(Long::longValue).average().orElse(Double.POSITIVE_INFINITY);
        }
    }
}
