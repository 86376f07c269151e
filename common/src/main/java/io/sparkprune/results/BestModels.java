package io.sparkprune.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * "The smallest model per regularizer that keeps the accuracy": what the report tabulates and the
 * notebooks show, computed here only, from the successful rows of a results table.
 *
 * <p>Every selection (the baseline accuracy, the floors, the smallest model at a floor, the best
 * setting) reads the table's {@link SelectionBasis}: validation accuracy when the rows have it.
 * No method takes an accuracy from the caller, so test accuracy only ever drives a selection in
 * a table without a validation split. Replicates (rows sharing a {@code setting_id}) are kept
 * apart: a floor's smallest model is picked per replicate index, over every lambda, threshold and
 * curve cut of the regularizer, and summarised as an {@link Estimate} over replicates.
 */
public final class BestModels {
    /** 0.1 accuracy points below the baseline still counts as equal accuracy. */
    public static final double TOLERANCE = 0.001;
    /** The floors below the baseline that the report tabulates: equal accuracy, then 0.5 pt and 1 pt below. */
    public static final List<Double> TOLERANCES = List.of(TOLERANCE, 0.005, 0.01);
    /** The regularizer type whose unpruned model is the baseline. */
    public static final String BASELINE = "none";
    private static final Comparator<Estimate> BY_MEAN = Comparator.comparingDouble(Estimate::mean);

    private final List<ResultRecord> rows;
    private final SelectionBasis basis;

    private BestModels(List<ResultRecord> rows) {
        this.rows = List.copyOf(rows);
        this.basis = SelectionBasis.of(rows);
    }

    /** The selections over {@code rows}, the successful rows of one results table. */
    public static BestModels of(List<ResultRecord> rows) {
        return new BestModels(rows);
    }

    /** Which accuracy every selection here reads. */
    public SelectionBasis basis() {
        return basis;
    }

    /** How many replicates the table's settings have (the most any setting has). */
    public int replicates() {
        return rows.stream().collect(Collectors.groupingBy(ResultRecord::setting,
                Collectors.mapping(ResultRecord::replicate, Collectors.toSet()))).values().stream()
                .mapToInt(s -> s.size()).max().orElse(0);
    }

    /** Whether the rows hold a {@link #BASELINE} point (a follow-up sweep often has none). */
    public boolean hasBaseline() {
        return rows.stream().anyMatch(r -> r.regularizer().equals(BASELINE));
    }

    /** Every setting's unpruned accuracy over its replicates, in setting order. */
    public List<UnprunedAccuracy> unpruned() {
        Map<String, List<ResultRecord>> bySetting = rows.stream().collect(Collectors.groupingBy(
                ResultRecord::setting, LinkedHashMap::new, Collectors.toList()));
        List<UnprunedAccuracy> out = new ArrayList<>();
        bySetting.values().forEach(rs -> out.add(UnprunedAccuracy.of(rs, basis)));
        return out;
    }

    /**
     * The setting the floors are measured from: the {@link #BASELINE} setting with the best mean
     * unpruned accuracy (on the selection basis), or the best of all settings when there is none.
     */
    public Optional<UnprunedAccuracy> baseline() {
        List<UnprunedAccuracy> all = unpruned();
        List<UnprunedAccuracy> base = all.stream().filter(u -> u.regularizer().equals(BASELINE)).toList();
        return (base.isEmpty() ? all : base).stream().max(Comparator.comparing(u -> u.on(basis), BY_MEAN));
    }

    /** The baseline's mean unpruned accuracy on the selection basis (0 for an empty table). */
    public double baselineAccuracy() {
        return baseline().map(u -> u.on(basis).mean()).orElse(0.0);
    }

    /** Per regularizer, per replicate index, the fewest-params model with accuracy after pruning >= {@code floor}. */
    public Map<String, FloorSelection> at(double floor) {
        return select(rows, floor, basis::pruned);
    }

    /** As {@link #at}, by the accuracy after fine-tuning, among the fine-tuned rows. */
    public Map<String, FloorSelection> atFinetuned(double floor) {
        return select(rows.stream().filter(r -> basis.finetuned(r) != null).toList(), floor, basis::finetuned);
    }

    /**
     * Per regularizer, its best setting (lambda and other swept keys) at {@code floor}: the one
     * whose replicates most often reach the floor, then with the fewest mean params at it, then
     * the most accurate unpruned; what the report draws replicate bands for.
     */
    public Map<String, String> bestSettings(double floor) {
        Map<String, String> best = new TreeMap<>();
        rows.stream().collect(Collectors.groupingBy(ResultRecord::regularizer)).forEach((reg, rs) -> {
            Map<String, List<ResultRecord>> bySetting = rs.stream().collect(
                    Collectors.groupingBy(ResultRecord::setting, TreeMap::new, Collectors.toList()));
            Comparator<Map.Entry<String, List<ResultRecord>>> order = Comparator.comparingInt(
                    (Map.Entry<String, List<ResultRecord>> e) -> -reached(e.getValue(), floor))
                    .thenComparingDouble(e -> meanParams(e.getValue(), floor))
                    .thenComparingDouble(e -> -UnprunedAccuracy.of(e.getValue(), basis).on(basis).mean());
            best.put(reg, bySetting.entrySet().stream().min(order).orElseThrow().getKey());
        });
        return best;
    }

    private int reached(List<ResultRecord> settingRows, double floor) {
        return one(settingRows, floor).reached();
    }

    private double meanParams(List<ResultRecord> settingRows, double floor) {
        FloorSelection s = one(settingRows, floor);
        return s.reached() == 0 ? Double.POSITIVE_INFINITY : s.estimate(r -> (double) r.paramsAfter()).mean();
    }

    private FloorSelection one(List<ResultRecord> settingRows, double floor) {
        return select(settingRows, floor, basis::pruned).values().iterator().next();
    }

    private static Map<String, FloorSelection> select(List<ResultRecord> rows, double floor,
                                                      Function<ResultRecord, Double> accuracy) {
        Map<String, FloorSelection> best = new TreeMap<>();
        rows.stream().collect(Collectors.groupingBy(ResultRecord::regularizer)).forEach((reg, rs) -> {
            // the replicate indices the regularizer trained (a failed replicate has no rows)
            Map<Integer, Optional<ResultRecord>> byReplicate = new TreeMap<>();
            for (int r : rs.stream().map(ResultRecord::replicate).collect(Collectors.toCollection(TreeSet::new))) {
                byReplicate.put(r, rs.stream().filter(x -> x.replicate() == r && accuracy.apply(x) >= floor)
                        .min(Comparator.comparingLong(ResultRecord::paramsAfter)
                                .thenComparing(Comparator.comparingDouble((ResultRecord x) -> accuracy.apply(x)).reversed())));
            }
            best.put(reg, new FloorSelection(reg, floor, byReplicate));
        });
        return best;
    }
}
