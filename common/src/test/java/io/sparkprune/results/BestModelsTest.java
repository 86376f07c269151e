package io.sparkprune.results;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selections read validation accuracy whenever the table has it; replicates are picked apart. */
class BestModelsTest {
    private static final double[] THRESHOLDS = {0, 0.02, 0.05, 0.1, 0.2, 0.3};

    static ResultRecord row(String setting, int replicate, String reg, double lambda, double threshold, String kind,
                            double testBefore, double test, Double valBefore, Double val, long params) {
        return new ResultRecord(0, setting + "-" + replicate, setting, replicate, ResultRecord.OK, "",
                Map.of(ResultColumns.REGULARIZER_TYPE, reg, ResultColumns.REGULARIZER_LAMBDA, lambda), threshold, kind,
                testBefore, test, valBefore, val, "20-50", String.valueOf(params), 4000L, params, 40000L, params * 10,
                1.0, test, val);
    }

    /**
     * Three replicates of none, l1 at two lambdas and l2: each model's accuracy falls with its
     * threshold, by an amount that depends on the seed, so that picks differ across replicates.
     */
    static List<ResultRecord> table(boolean validation) {
        List<ResultRecord> rows = new ArrayList<>();
        Random noise = new Random(7);
        String[][] settings = {{"none", "0"}, {"l1", "0.01"}, {"l1", "0.1"}, {"l2", "0.1"}};
        for (String[] s : settings) {
            for (int r = 0; r < 3; r++) {
                double before = 0.95 + 0.004 * noise.nextDouble();
                double valBefore = 0.95 + 0.004 * noise.nextDouble();
                double drop = (s[0].equals("none") ? 0.2 : Double.parseDouble(s[1]) > 0.05 ? 0.01 : 0.04)
                        * (1 + noise.nextDouble());
                for (double t : THRESHOLDS) {
                    long params = Math.round(4000 * (1 - 2.5 * t)) - 10L * r;
                    rows.add(row(s[0] + "-" + s[1], r, s[0], Double.parseDouble(s[1]), t,
                            t == 0.05 ? CurvePoint.CUT : CurvePoint.GRID, before, before - drop * t * 10,
                            validation ? valBefore : null, validation ? valBefore - drop * t * 9 : null, params));
                }
            }
        }
        return rows;
    }

    /** Everything a report selects, as comparable values. */
    static List<Object> selections(List<ResultRecord> rows) {
        BestModels best = BestModels.of(rows);
        List<Object> s = new ArrayList<>(List.of(best.baselineAccuracy(), best.baseline().orElseThrow().settingId()));
        for (double tolerance : BestModels.TOLERANCES) {
            double floor = best.baselineAccuracy() - tolerance;
            best.at(floor).values().forEach(f -> s.add(picks(f)));
            best.atFinetuned(floor).values().forEach(f -> s.add(picks(f)));
            s.add(best.bestSettings(floor));
        }
        best.at(0.9).values().forEach(f -> s.add(picks(f)));
        return s;
    }

    private static List<String> picks(FloorSelection f) {
        return f.picked().stream().map(r -> r.pointId() + "@" + r.threshold()).toList();
    }

    /** The rows with one accuracy column's values shuffled among the rows. */
    static List<ResultRecord> shuffled(List<ResultRecord> rows, boolean testColumns, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<ResultRecord> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ResultRecord r = rows.get(i);
            ResultRecord o = rows.get(order.get(i));
            out.add(testColumns
                    ? with(r, o.accuracyBeforePrune(), o.accuracyAfterPrune(), r.valAccuracyBeforePrune(),
                            r.valAccuracyAfterPrune(), o.accuracyAfterFinetune(), r.valAccuracyAfterFinetune())
                    : with(r, r.accuracyBeforePrune(), r.accuracyAfterPrune(), o.valAccuracyBeforePrune(),
                            o.valAccuracyAfterPrune(), r.accuracyAfterFinetune(), o.valAccuracyAfterFinetune()));
        }
        return out;
    }

    private static ResultRecord with(ResultRecord r, Double before, Double after, Double valBefore, Double valAfter,
                                     Double finetuned, Double valFinetuned) {
        return new ResultRecord(r.pointIndex(), r.pointId(), r.settingId(), r.replicate(), r.status(), r.reason(),
                r.config(), r.threshold(), r.thresholdKind(), before, after, valBefore, valAfter, r.filtersBefore(),
                r.filtersAfter(), r.paramsBefore(), r.paramsAfter(), r.flopsBefore(), r.flopsAfter(), r.trainSeconds(),
                finetuned, valFinetuned);
    }

    @Test
    void testAccuracyNeverDrivesASelectionWhenValidationExists() {
        List<ResultRecord> rows = table(true);
        assertEquals(SelectionBasis.VALIDATION, BestModels.of(rows).basis());
        List<Object> selected = selections(rows);
        for (long seed = 1; seed <= 5; seed++) {
            assertEquals(selected, selections(shuffled(rows, true, seed)), "test accuracies shuffled, seed " + seed);
            assertNotEquals(selected, selections(shuffled(rows, false, seed)),
                    "validation accuracies shuffled, seed " + seed + ": the selections must follow them");
        }
    }

    @Test
    void withoutValidationTheSelectionsFallBackToTestAccuracy() {
        List<ResultRecord> rows = table(false);
        BestModels best = BestModels.of(rows);
        assertEquals(SelectionBasis.TEST, best.basis());
        List<Object> selected = selections(rows);
        assertNotEquals(selected, selections(shuffled(rows, true, 3)), "test accuracies now drive the selections");
        // one row without validation accuracy is enough to fall back: never mix the two
        List<ResultRecord> mixed = new ArrayList<>(table(true));
        mixed.set(5, table(false).get(5));
        assertEquals(SelectionBasis.TEST, BestModels.of(mixed).basis());
    }

    @Test
    void theSmallestModelIsPickedPerReplicateOverEveryLambdaAndCut() {
        List<ResultRecord> rows = table(true);
        BestModels best = BestModels.of(rows);
        assertEquals(3, best.replicates());
        double floor = best.baselineAccuracy() - 0.01;
        FloorSelection l1 = best.at(floor).get("l1");
        assertEquals(3, l1.replicates());
        for (int r = 0; r < 3; r++) {
            int replicate = r;
            ResultRecord pick = l1.of(r).orElseThrow();
            List<ResultRecord> candidates = rows.stream().filter(x -> x.regularizer().equals("l1")
                    && x.replicate() == replicate && x.valAccuracyAfterPrune() >= floor).toList();
            long fewest = candidates.stream().mapToLong(ResultRecord::paramsAfter).min().orElseThrow();
            assertEquals(fewest, pick.paramsAfter(), "replicate " + r);
            assertEquals(replicate, pick.replicate());
        }
        assertTrue(l1.picked().stream().anyMatch(x -> x.lambda() == 0.1), "the strong lambda prunes further");
        Estimate params = l1.estimate(x -> (double) x.paramsAfter());
        assertEquals(l1.picked().stream().mapToLong(ResultRecord::paramsAfter).average().orElseThrow(), params.mean(),
                1e-9);
        assertTrue(params.hasInterval());
    }

    @Test
    void theBaselineIsTheNoneSettingsMeanOverItsReplicates() {
        List<ResultRecord> rows = table(true);
        BestModels best = BestModels.of(rows);
        UnprunedAccuracy base = best.baseline().orElseThrow();
        assertEquals("none-0", base.settingId());
        double[] val = rows.stream().filter(r -> r.regularizer().equals("none") && r.threshold() == 0)
                .mapToDouble(ResultRecord::valAccuracyBeforePrune).toArray();
        assertEquals(3, val.length);
        assertEquals(Estimate.of(val), base.validation());
        assertEquals(base.validation().mean(), best.baselineAccuracy(), 0);
        assertEquals(3, base.test().n());
    }

    private static FloorSelection selection(String reg, long... params) {
        java.util.Map<Integer, java.util.Optional<ResultRecord>> m = new java.util.TreeMap<>();
        for (int r = 0; r < params.length; r++) {
            m.put(r, params[r] < 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(row(reg, r, reg, 0.1, 0.1, CurvePoint.GRID, 0.9, 0.9, 0.9, 0.9, params[r])));
        }
        return new FloorSelection(reg, 0.9, m);
    }

    @Test
    void pairedStatementsNeedTheIntervalToExcludeZero() {
        FloorSelection a = selection("a", 1000, 1200, 900);
        FloorSelection b = selection("b", 2000, 2300, 1900);
        PairedDifference ab = PairedDifference.of(a, b);
        assertEquals(PairedDifference.Verdict.A_SMALLER, ab.verdict());
        assertTrue(ab.statement().startsWith("a is smaller than b: params ratio a/b 0.498 (95% interval 0.442 to 0.562"), ab.statement());
        PairedDifference ba = PairedDifference.of(b, a);
        assertEquals(PairedDifference.Verdict.B_SMALLER, ba.verdict());
        assertEquals(ab.statement(), ba.statement(), "the smaller one is named first either way");

        // b is smaller in one replicate, larger in two: the paired interval straddles 0
        FloorSelection c = selection("c", 900, 1300, 1000);
        PairedDifference ac = PairedDifference.of(a, c);
        assertEquals(PairedDifference.Verdict.NO_DIFFERENCE, ac.verdict());
        assertTrue(ac.statement().startsWith("a vs c: no significant difference"), ac.statement());
        // the paired log ratios by hand: ln(1000/900), ln(1200/1300), ln(900/1000)
        Estimate byHand = Estimate.of(Math.log(1000 / 900.0), Math.log(1200 / 1300.0), Math.log(900 / 1000.0));
        assertEquals(byHand, ac.logRatio().orElseThrow());

        // pairs only where both reached the floor: one pair left is too few for any claim
        PairedDifference one = PairedDifference.of(selection("d", 1000, -1, -1), selection("e", 5000, 5000, -1));
        assertEquals(1, one.pairs());
        assertEquals(PairedDifference.Verdict.TOO_FEW_REPLICATES, one.verdict());
    }

    @Test
    void aPenaltyOnAnotherTargetOrGroupingIsAnotherRegularizer() {
        ResultRecord onScales = row("a", 0, "l1l2", 0.5, 0.1, CurvePoint.GRID, 0.9, 0.9, 0.9, 0.9, 1000);
        ResultRecord onWeights = withConfig(onScales, "b", Map.of(ResultColumns.column("regularizer.target"), "weights"));
        ResultRecord elementWise = withConfig(onScales, "c", Map.of(ResultColumns.column("regularizer.group"), "element",
                ResultColumns.column("regularizer.target"), "auto"));
        ResultRecord none = withConfig(row("d", 0, "none", 0, 0.1, CurvePoint.GRID, 0.9, 0.9, 0.9, 0.9, 1000), "d",
                Map.of(ResultColumns.column("regularizer.target"), "weights"));
        assertEquals(List.of("l1l2", "l1l2 on weights", "l1l2-element", "none"),
                java.util.stream.Stream.of(onScales, onWeights, elementWise, none).map(ResultRecord::regularizer).toList());
        assertEquals(java.util.Set.of("l1l2", "l1l2 on weights", "l1l2-element"),
                BestModels.of(List.of(onScales, onWeights, elementWise)).at(0.8).keySet(), "not pooled");
    }

    private static ResultRecord withConfig(ResultRecord r, String setting, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(r.config());
        config.putAll(extra);
        return new ResultRecord(0, setting + "-0", setting, 0, ResultRecord.OK, "", config, r.threshold(),
                r.thresholdKind(), r.accuracyBeforePrune(), r.accuracyAfterPrune(), r.valAccuracyBeforePrune(),
                r.valAccuracyAfterPrune(), r.filtersBefore(), r.filtersAfter(), r.paramsBefore(), r.paramsAfter(),
                r.flopsBefore(), r.flopsAfter(), r.trainSeconds(), r.accuracyAfterFinetune(), r.valAccuracyAfterFinetune());
    }
}
