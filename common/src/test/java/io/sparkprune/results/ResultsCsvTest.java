package io.sparkprune.results;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsCsvTest {
    private static final GridPoint POINT = SweepGrid.from(ConfigLoader.load(null, List.of(
            "data.dir=\"/data/with,comma \\\"quoted\\\"\"", "sweep.grid.prune.threshold=[0, 0.1]"))).points().get(0);
    private static final CurvePoint CURVE = new CurvePoint(0.1, 0.99, 0.985, "20-50", "7-13", 431_080, 90_000,
            2_293_000, 400_000, null);

    @Test
    void recordsRoundTripWithQuotesCommasNewlinesAndEmptyTexts() {
        List<ResultRecord> rows = List.of(ResultRecord.of(POINT, CURVE, 12.5, 2),
                ResultRecord.failed(POINT, 0.0, "Diverged: loss NaN, \"epoch\" 1\r\nsecond line", 3.25),
                ResultRecord.failed(POINT, 0.1, "", 3.25));
        String csv = ResultsCsv.write(ResultColumns.SWEEP, rows);
        assertEquals(rows, ResultsCsv.read(csv));
        assertTrue(csv.contains("\"/data/with,comma \"\"quoted\"\"\""), csv);
        // Spark's convention: "" is an empty text, an empty cell is no value
        String failedRow = csv.lines().filter(l -> l.startsWith("0,") && l.endsWith(",3.25,,,,")).findFirst().orElseThrow();
        assertTrue(failedRow.contains(",failed,\"\","), failedRow);
        assertTrue(failedRow.contains(",0.1,grid" + ",".repeat(11) + "3.25,,,,"), failedRow); // ten metrics, rung and epochs empty
    }

    @Test
    void aTableOfAnOlderLayoutReadsWithTheNewestColumnsEmpty() {
        GridPoint plain = SweepGrid.from(ConfigLoader.load(null, List.of("sweep.grid.prune.threshold=[0.1]")))
                .points().get(0);
        String current = ResultsCsv.write(ResultColumns.SWEEP, List.of(ResultRecord.of(plain,
                new CurvePoint(0.1, CurvePoint.GRID, 0.99, 0.985, "20-50", "7-13", 1, 2, 3, 4, 0.98, 0.97, 0.96, 0.95),
                1.5, 2)));
        // The layout before fine-tuning, replicates, cut thresholds and validation accuracies existed.
        String old = withoutColumns(current, ResultColumns.SETTING_ID, ResultColumns.REPLICATE,
                ResultColumns.THRESHOLD_KIND, ResultColumns.VAL_ACCURACY_BEFORE_PRUNE,
                ResultColumns.VAL_ACCURACY_AFTER_PRUNE, ResultColumns.ACCURACY_AFTER_FINETUNE,
                ResultColumns.VAL_ACCURACY_AFTER_FINETUNE, ResultColumns.RUNG, ResultColumns.EPOCHS_TRAINED,
                "sweep_schedule", "sweep_halving_min_epochs", "sweep_halving_eta");
        ResultRecord r = ResultsCsv.read(old).get(0);
        assertNull(r.accuracyAfterFinetune());
        assertNull(r.rung());
        assertEquals(plain.config().train().epochs(), r.epochsTrained(), "an older table's points trained their budget");
        assertEquals("full", r.config().get("sweep_schedule"), "a table from before the schedule was a full sweep");
        assertEquals(2, ResultsCsv.read(current).get(0).epochsTrained());
        assertNull(r.valAccuracyAfterPrune());
        assertEquals(0.985, r.accuracyAfterPrune());
        assertEquals(1.5, r.trainSeconds());
        assertEquals(plain.config().regularizer().type().configName(), r.regularizer());
        assertEquals(plain.id(), r.settingId(), "one run per point: the point is its own setting");
        assertEquals(0, r.replicate());
        assertTrue(r.grid(), "every row of an older table is a threshold asked for");
    }

    /** {@code csv} with the named columns cut from every line (no cell may hold a comma). */
    private static String withoutColumns(String csv, String... names) {
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
        java.util.Set<Integer> cut = new java.util.HashSet<>();
        for (String name : names) {
            assertTrue(header.indexOf(name) >= 0, name + " is a column: " + header);
            cut.add(header.indexOf(name));
        }
        return csv.lines().map(l -> {
            String[] cells = l.split(",", -1);
            List<String> kept = new java.util.ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!cut.contains(i)) {
                    kept.add(cells[i]);
                }
            }
            return String.join(",", kept);
        }).reduce("", (a, l) -> a + l + "\n");
    }

    @Test
    void aSweepTableFromBeforeAConfigKeyExistedReadsItAtItsDefault() {
        GridPoint plain = SweepGrid.from(ConfigLoader.load(null, List.of("sweep.grid.prune.threshold=[0.1]")))
                .points().get(0); // no cell holds a comma: the lines split at every one
        String current = ResultsCsv.write(ResultColumns.SWEEP, List.of(ResultRecord.of(plain, CURVE, 1.5, 2)));
        List<String> header = List.of(current.lines().findFirst().orElseThrow().split(","));
        // the table as written before data.augment existed: that column cut from every line
        String old = withoutColumns(current, ResultColumns.column("data.augment"));
        ResultRecord r = ResultsCsv.read(old).get(0);
        assertEquals("none", r.config().get(ResultColumns.column("data.augment")));
        assertEquals(ResultsCsv.read(current), ResultsCsv.read(old));
    }

    @Test
    void classNamesRoundTripThroughTheirCell() {
        GridPoint folder = SweepGrid.from(ConfigLoader.load(null, List.of("data.name=image-folder",
                "data.dir=/data/pets", "data.classes=[cat, \"dog, large\", \"guinea \\\"pig\\\"\"]",
                "sweep.grid.prune.threshold=[0]"))).points().get(0);
        List<ResultRecord> rows = List.of(ResultRecord.of(folder, CURVE, 2.0, 2));
        String csv = ResultsCsv.write(ResultColumns.SWEEP, rows);
        assertEquals(rows, ResultsCsv.read(csv));
        assertEquals(List.of("cat", "dog, large", "guinea \"pig\""),
                ResultsCsv.read(csv).get(0).config().get(ResultColumns.column("data.classes")));
    }

    @Test
    void theCurveLayoutHasNoPointOrConfigColumns() {
        String csv = ResultsCsv.write(ResultColumns.CURVE, List.of(ResultRecord.of(CURVE)));
        assertEquals("threshold,threshold_kind,accuracy_before_prune,accuracy_after_prune,val_accuracy_before_prune,"
                + "val_accuracy_after_prune,filters_before,filters_after,params_before,params_after,flops_before,"
                + "flops_after,accuracy_after_finetune,val_accuracy_after_finetune", csv.lines().findFirst().orElseThrow());
        ResultRecord back = ResultsCsv.read(csv).get(0);
        assertEquals("7-13", back.filtersAfter());
        assertEquals(20, back.filtersKept());
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        String csv = ResultsCsv.write(ResultColumns.CURVE, List.of(ResultRecord.of(CURVE))) + "0.2,0.9\n";
        assertThrows(IllegalArgumentException.class, () -> ResultsCsv.read(csv));
    }
}
