package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.model.Networks;
import io.sparkprune.pipeline.CurveResult;
import io.sparkprune.pipeline.PrunedModel;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.provenance.RunRecord;
import io.sparkprune.pruning.FilterStatsCsv;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.spark.SparkContexts;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code train} command end to end: data onto the cluster, then the pruning pipeline on it
 * (parameter-averaging training with per-epoch checkpoints, statistics, central pruning at
 * {@code prune.threshold}, evaluation, optional fine-tuning), and the run's records.
 */
public final class TrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

    private final JavaSparkContext sc;
    private final RunConfig cfg;
    private final RunDirectory out;

    public TrainJob(JavaSparkContext sc, RunConfig cfg, RunDirectory out) {
        this.sc = sc;
        this.cfg = cfg;
        this.out = out;
    }

    public TrainSummary run(boolean resume) {
        return run(resume, List.of());
    }

    /** As {@link #run(boolean)}, recording {@code commandLine} in {@code OUT/run.json}. */
    public TrainSummary run(boolean resume, List<String> commandLine) {
        // Input first: a missing or broken dataset fails before anything in OUT is touched.
        TrainingData data = TrainingData.load(sc, cfg);
        Checkpoints checkpoints = new Checkpoints(out);
        checkpoints.bind(cfg, resume);
        RunRecord record = SparkContexts.runRecord(sc, "train", cfg.toFlatMap(), commandLine).writeStarted(out, resume);
        LOG.info("{} training / {} test examples", data.trainCount(), data.testCount());
        Networks.penaltyTargetWarning(cfg).ifPresent(LOG::warn);
        try {
            Optional<Integer> last = resume ? checkpoints.latestEpoch() : Optional.empty();
            MultiLayerNetwork net = last.map(checkpoints::load).orElseGet(() -> Networks.create(cfg));
            int firstEpoch = last.map(e -> e + 1).orElse(1);
            last.ifPresent(e -> LOG.info("resuming after epoch {} from {}", e, out.path(Checkpoints.DIR)));

            List<EpochReport> epochs = new ArrayList<>();
            double before = last.isPresent() ? checkpoints.trainedSeconds() : 0;
            PruningPipeline pipeline = DistributedPipeline.of(sc, cfg, data, (report, current) -> {
                epochs.add(report);
                checkpoints.save(report.epoch(), current,
                        before + epochs.stream().mapToDouble(EpochReport::seconds).sum());
            });
            List<PrunedModel> pruned = new ArrayList<>();
            CurveResult result = pipeline.run(net, firstEpoch, cfg.train().epochs(),
                    List.of(cfg.prune().threshold()), trained -> out.writeModel("model.zip", trained), pruned::add);
            PrunedModel p = pruned.get(0);
            // every row of the curve: with prune.curve-points or prune.target-accuracy more than the threshold's
            out.writeText(ResultsCsv.CURVE_FILE, ResultsCsv.curve(result.points()));
            out.writeText("filter-stats.csv", FilterStatsCsv.write(p.pruner(), p.activations(), p.pruned()));
            out.writeModel("pruned-model.zip", p.result());
            LOG.info("pruned at {} {}: filters {} -> {}, accuracy {} -> {}", cfg.prune().rule().configName(),
                    cfg.prune().threshold(), p.point().filtersBefore(), p.point().filtersAfter(),
                    result.accuracy(), p.point().accuracyAfterPrune());
            TrainSummary summary = new TrainSummary(cfg, p.point(), p.pruned().unitsBefore(),
                    p.pruned().unitsAfter(), epochs, data.summary());
            out.writeText(TrainSummary.FILE, summary.toJson());
            record.writeFinished(out);
            return summary;
        } finally {
            data.release();
        }
    }
}
