package io.sparkprune.spark.report;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.BestModels;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.FloorSelection;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.SelectionBasis;
import io.sparkprune.results.SweepResults;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.sweep.SweepJob;
import io.sparkprune.spark.train.TrainJobFixtures;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real sweep on CI-sized pattern images (local[2], tiny LeNet-5s) with a validation split, two
 * replicates and curve cuts, then its report: the whole issue-21 protocol end to end.
 */
class ValidatedSweepReportTest {
    @Test
    void aSweepWithValidationAndReplicatesIsReportedWithIntervalsSelectedOnValidation(@TempDir Path dir)
            throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        SweepGrid grid = SweepGrid.from(ConfigLoader.load(null, List.of(
                "data.dir=\"" + dir.resolve("data").toUri() + "\"", "data.validation=100", "model.width=0.25",
                "train.epochs=1", "train.batch-size=32", "train.lr=0.003", "regularizer.lambda=0.01",
                "spark.mode=grid-parallel", "prune.curve-points=4", "sweep.replicates=2",
                "sweep.grid.regularizer.type=[none, l1l2]", "sweep.grid.prune.threshold=[0, 0.2]")));
        JavaSparkContext sc = SparkTestContexts.local(2);
        RunDirectory out;
        try {
            out = RunDirectory.open(dir.resolve("sweep").toString(), sc.hadoopConfiguration());
            new SweepJob(sc, grid, out).run(false);
        } finally {
            sc.stop();
        }
        List<ResultRecord> rows = SweepResults.succeeded(SweepResults.read(out));
        assertTrue(rows.stream().allMatch(r -> r.valAccuracyAfterPrune() != null), "every row has validation");
        assertTrue(rows.stream().anyMatch(r -> CurvePoint.CUT.equals(r.thresholdKind())), "curve cuts evaluated: " + rows.stream().map(r -> r.thresholdKind() + "@" + r.threshold() + ":" + r.filtersAfter()).toList());
        BestModels best = BestModels.of(rows);
        assertEquals(SelectionBasis.VALIDATION, best.basis());
        assertEquals(2, best.replicates());
        FloorSelection l1l2 = best.at(best.baselineAccuracy() - 0.01).get("l1l2");
        assertEquals(2, l1l2.replicates());

        SweepReport.write(out, List.of(0.5));
        String md = Files.readString(dir.resolve("sweep").resolve(SweepReport.MARKDOWN));
        assertFalse(md.contains("Selected on test accuracy"), md);
        assertTrue(md.contains("2 replicates per setting: means with 95% Student t intervals"), md);
        assertTrue(md.contains("| none | 0.0 | ") && md.contains(" | 2 | ") && md.contains(" ± "), "the baseline's own interval: " + md);
        assertTrue(md.contains("## Smallest model per regularizer at validation accuracy >= 0.5000"), md);
        assertTrue(md.contains("- l1l2 is smaller than none") || md.contains("- none is smaller than l1l2")
                || md.contains("- l1l2 vs none: "), "a paired statement at every floor: " + md);
        for (String axis : List.of("filters", "params", "flops")) {
            assertTrue(Files.exists(dir.resolve("sweep").resolve("accuracy-vs-" + axis + "-full.png")), axis);
        }
    }
}
