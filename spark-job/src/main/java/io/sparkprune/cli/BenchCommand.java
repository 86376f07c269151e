package io.sparkprune.cli;

import io.sparkprune.bench.PrunedInference;
import io.sparkprune.config.PruneRule;
import io.sparkprune.io.ModelFiles;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.spark.bench.BenchSuite;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench}: speed measured as ratios taken in one run, never as timed tests. The last line
 * printed is one JSON object with every figure, for tools.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training and pruning benchmarks (ratios from one run); the last line is JSON.",
        subcommands = BenchCommand.Inference.class)
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--suite", defaultValue = "all", paramLabel = "SUITE",
            description = "training | pruning | all | peer | full-width (default: ${DEFAULT-VALUE}); peer = against "
                    + "PyTorch, needs the -Ppeer build; full-width = what the paper's VGG-16 (width 1.0) costs per "
                    + "sample and epoch on a core, and its data-parallel efficiency.")
    String suite;
    @Option(names = "--quick", description = "Small sizes: checks that everything runs, figures are rough.")
    boolean quick;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON object to FILE.")
    Path json;

    @Override
    public Integer call() throws Exception {
        BenchSuite.Suite which = switch (suite) {
            case "training" -> BenchSuite.Suite.TRAINING;
            case "pruning" -> BenchSuite.Suite.PRUNING;
            case "all" -> BenchSuite.Suite.ALL;
            case "peer" -> BenchSuite.Suite.PEER;
            case "full-width" -> BenchSuite.Suite.FULL_WIDTH;
            default -> throw new UserInputException("--suite must be training, pruning, all, peer or full-width, got '"
                    + suite + "'");
        };
        if (which == BenchSuite.Suite.PEER && !BenchSuite.peerAvailable()) {
            throw new UserInputException("--suite peer: the PyTorch peer is not built; run "
                    + "'mvn -B -Ppeer -DskipTests package' and start it with deploy/sparkprune");
        }
        PrintWriter w = spec.commandLine().getOut();
        Map<String, Object> figures = new BenchSuite(quick, w).run(which);
        String line = new ObjectMapper().writeValueAsString(figures);
        if (json != null) {
            Files.writeString(json, line + System.lineSeparator());
        }
        w.println(line);
        w.flush();
        return 0;
    }

    @Command(name = "inference", mixinStandardHelpOptions = true,
            description = "Inference throughput of a model pruned at --threshold against the model itself.")
    static final class Inference implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--model", required = true, paramLabel = "FILE", description = "model.zip written by train.")
        String model;
        @Option(names = "--threshold", required = true, paramLabel = "T", description = "Relative threshold tau.")
        double threshold;
        @Option(names = "--samples", defaultValue = "2048", description = "Samples per round (default: ${DEFAULT-VALUE}).")
        int samples;
        @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            MultiLayerNetwork net = ModelFiles.read(model, new Configuration());
            MultiLayerNetwork pruned = new Pruner(net, null, PruneRule.RELATIVE, false).prune(threshold).network();
            long[] input = inputShape(net);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("params %,d -> %,d%n", net.numParams(), pruned.numParams());
            PrunedInference.measure(net, pruned, input, new int[]{1, 256}, samples, rounds).forEach(w::println);
            w.flush();
            return 0;
        }

        /** One example's shape: the zoo's models take 28x28x1 (MNIST) or 32x32x3 (CIFAR-10). */
        private static long[] inputShape(MultiLayerNetwork net) {
            long channels = net.getLayer(0).getParam("W").size(1);
            long side = channels == 1 ? 28 : 32;
            return new long[]{channels, side, side};
        }
    }
}
