package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.train.LocalTrainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VGG-16 / CIFAR-10 experiment end to end at a width that runs in seconds: the shipped
 * {@code conf/vgg16-cifar10.conf} with the overrides its header documents, on CIFAR-10 binary
 * files of learnable pattern images written here (real CIFAR-10 images: {@code CifarJpegImportTest},
 * minutes on 2 cores). Train on local[2] until well above chance, prune all 13 conv layers
 * centrally, evaluate distributed, write every output.
 */
class Vgg16CifarPipelineTest {
    @TempDir
    Path dir;

    @Test
    void shippedVggConfigTrainsPrunesAndEvaluatesOnCifarFiles() throws Exception {
        Path data = TrainJobFixtures.writeCifar(dir.resolve("cifar10"), 512, 128);
        RunConfig cfg = TrainJobFixtures.vggConfig(data, "model.width=0.0625", "train.epochs=4", "train.batch-size=32",
                "train.lr=0.005",
                // the header's CIFAR recipe; unnormalized, this VGG stays at chance on these images for 4 epochs
                "data.normalize=per-channel",
                // VGG's filters are scored by |BN gamma|, which starts at 1 and moves little in these few short
                // epochs: an absolute threshold of 1 removes the filters whose gamma training shrank
                "prune.rule=absolute", "prune.threshold=1.0");
        JavaSparkContext sc = SparkTestContexts.local(2);
        try {
            RunDirectory out = RunDirectory.open(dir.resolve("run").toString(), sc.hadoopConfiguration());
            TrainSummary summary = new TrainJob(sc, cfg, out).run(false);

            // Learnable images (a bright block whose place is the class): a working training step gets
            // close to 1.0 in these 4 epochs (1.0 measured), a broken one stays near chance (0.1).
            assertTrue(summary.accuracyBeforePrune() > 0.6, "trained well above chance: " + summary.headline());
            assertEquals(13, summary.filtersBefore().size(), "every VGG-16 conv layer is prunable");
            int before = summary.filtersBefore().values().stream().mapToInt(Integer::intValue).sum();
            int after = summary.filtersAfter().values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(after < before, "|gamma| < 1 removes filters: " + summary.headline());

            MultiLayerNetwork pruned = out.readModel("pruned-model.zip");
            InputType cifar = InputType.convolutional(32, 32, 3);
            assertEquals(summary.paramsAfter(), ModelCost.of(pruned, cifar).params());
            assertTrue(summary.paramsAfter() < summary.paramsBefore());
            // the saved pruned model is the one the job evaluated on the executors
            LabeledImages test = Datasets.load(cfg.data(), Split.TEST, sc.hadoopConfiguration());
            assertEquals(summary.accuracyAfterPrune(), LocalTrainer.accuracy(pruned, test, 64), 1e-9);
        } finally {
            sc.stop();
        }
    }
}
