package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.model.Networks;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code train} command end to end: data onto the cluster, parameter-averaging training with
 * per-epoch checkpoints, then statistics, central pruning, evaluation, and the run's records.
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
        // Input first: a missing or broken dataset fails before anything in OUT is touched.
        TrainingData data = TrainingData.load(sc, cfg);
        Checkpoints checkpoints = new Checkpoints(out);
        checkpoints.bind(cfg, resume);
        LOG.info("{} training / {} test examples", data.trainCount(), data.testCount());
        try {
            Optional<Integer> last = resume ? checkpoints.latestEpoch() : Optional.empty();
            MultiLayerNetwork net = last.map(checkpoints::load).orElseGet(() -> Networks.create(cfg));
            int firstEpoch = last.map(e -> e + 1).orElse(1);
            last.ifPresent(e -> LOG.info("resuming after epoch {} from {}", e, out.path(Checkpoints.DIR)));

            DistributedTrainer trainer = new DistributedTrainer(sc, cfg);
            List<EpochReport> epochs = new ArrayList<>();
            MultiLayerNetwork trained = trainer.train(net, data::trainEpoch, data.test(), firstEpoch,
                    cfg.train().epochs(), (report, current) -> {
                        epochs.add(report);
                        checkpoints.save(report.epoch(), current);
                    });
            out.writeModel("model.zip", trained);
            double accuracy = epochs.isEmpty() ? trainer.accuracy(trained, data.test())
                    : epochs.get(epochs.size() - 1).testAccuracy();
            TrainSummary summary = new PruneStep(sc, cfg, out, trainer).run(trained, accuracy, data, epochs);
            out.writeText("summary.json", summary.toJson(Provenance.of(sc), data.record()));
            return summary;
        } finally {
            data.release();
        }
    }
}
