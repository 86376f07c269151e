package io.sparkprune.spark.sweep;

import io.sparkprune.config.SweepSettings;
import io.sparkprune.halving.HalvingRanking;
import io.sparkprune.halving.HalvingRungs;
import io.sparkprune.halving.RungDecision;
import io.sparkprune.halving.SettingVerdict;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.spark.train.Checkpoints;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sweep.schedule = halving}: the points train rung by rung ({@link HalvingRungs}), each from
 * its last epoch checkpoint; at each rung every alive point is measured (its rows written to
 * {@code rungs/<k>/<point id>.csv} as it finishes), then {@link HalvingRanking} decides which
 * settings go on ({@code rungs/rung-<k>.csv}); the others get their point file from that rung's
 * rows with {@code status = stopped}. The survivors of the last rung finish as a full sweep's points.
 * Every step is a file written atomically and every decision a pure function of files, so a killed
 * sweep resumed with {@code --resume} replays the decisions made and carries on where it stopped.
 */
final class HalvingSweep {
    private static final Logger LOG = LoggerFactory.getLogger(HalvingSweep.class);

    private final RunDirectory out;
    private final SweepGrid grid;
    private final SweepState state;
    private final PointRunner runner;

    HalvingSweep(RunDirectory out, SweepGrid grid, SweepState state, PointRunner runner) {
        this.out = out;
        this.grid = grid;
        this.state = state;
        this.runner = runner;
    }

    void run(List<GridPoint> points, ProgressLine line) {
        SweepSettings schedule = points.get(0).config().sweep();
        int eta = schedule.halvingEta();
        List<Integer> rungs = HalvingRungs.of(points.get(0).config().train().epochs(), schedule.halvingMinEpochs(), eta);
        HalvingProgress progress = new HalvingProgress(rungs, eta, grid.replicates());
        List<GridPoint> alive = points;
        for (int rung = 0; rung < rungs.size() && !alive.isEmpty(); rung++) {
            boolean last = rung == rungs.size() - 1;
            int k = rung;
            List<GridPoint> todo = alive.stream()
                    .filter(p -> !state.finished(p) && (last || !out.exists(SweepState.rungFile(k, p)))).toList();
            progress.rungStarted(rung, alive, todo.size());
            runner.run(todo, last ? TrainingStage.whole() : TrainingStage.rung(rungs.get(rung)), result -> {
                record(k, last, result);
                synchronized (progress) { // grid-parallel points finish on several threads: lines in count order
                    line.show(progress.measured(result));
                }
            });
            if (!last) {
                alive = decide(rung, rungs.get(rung), alive, eta);
            }
        }
    }

    /** A point measured at rung {@code rung}: its rung file, or at the last rung (or failed) its point file. */
    private void record(int rung, boolean last, PointResult result) {
        GridPoint p = result.point();
        // a point's training seconds run on in its checkpoints from rung to rung: the result's are its total
        List<ResultRecord> rows = result.records(grid.thresholds()).stream()
                .map(r -> r.withSchedule(r.status(), r.reason(), rung, r.epochsTrained())).toList();
        if (last || result.failed()) {
            finish(p, rows);
        } else {
            out.writeText(SweepState.rungFile(rung, p), ResultsCsv.write(ResultColumns.SWEEP, rows));
        }
    }

    /** Rung {@code rung}'s decision over the alive points measured there; returns the points that go on. */
    private List<GridPoint> decide(int rung, int epochs, List<GridPoint> alive, int eta) {
        List<GridPoint> measured = alive.stream().filter(p -> out.exists(SweepState.rungFile(rung, p))).toList();
        if (measured.isEmpty()) {
            return List.of();
        }
        List<ResultRecord> rows = new ArrayList<>();
        measured.forEach(p -> rows.addAll(rungRows(rung, p)));
        RungDecision decision = HalvingRanking.decide(rung, epochs, rows, eta);
        out.writeText(SweepState.decisionFile(rung), decision.toCsv());
        List<GridPoint> kept = new ArrayList<>();
        for (GridPoint p : measured) {
            SettingVerdict verdict = decision.of(p.settingId()).orElseThrow();
            if (verdict.kept()) {
                kept.add(p);
            } else if (!state.finished(p)) {
                String reason = verdict.reason(rung, epochs);
                finish(p, rungRows(rung, p).stream()
                        .map(r -> r.withSchedule(ResultRecord.STOPPED, reason, rung, r.epochsTrained())).toList());
            }
        }
        LOG.info("halving rung {} ({} epochs): {} of {} points go on ({} settings of {}), decision in {}", rung, epochs,
                kept.size(), measured.size(), decision.keptSettings().size(), decision.verdicts().size(),
                out.path(SweepState.decisionFile(rung)));
        return kept;
    }

    private void finish(GridPoint p, List<ResultRecord> rows) {
        out.writeText(SweepState.pointFile(p), ResultsCsv.write(ResultColumns.SWEEP, rows));
        Checkpoints.ofSweepPoint(out, p.id()).delete();
    }

    private List<ResultRecord> rungRows(int rung, GridPoint p) {
        return ResultsCsv.read(out.readText(SweepState.rungFile(rung, p)));
    }
}
