package io.sparkprune.cli;

import io.sparkprune.bench.PrunedInference;
import io.sparkprune.bench.RegularizerOverhead;
import io.sparkprune.config.PruneRule;
import io.sparkprune.io.ModelFiles;
import io.sparkprune.pruning.Pruner;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code bench}: speed measured as ratios taken in one run, never as timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (ratios from one run).",
        subcommands = {BenchCommand.Regularizers.class, BenchCommand.Inference.class})
final class BenchCommand {

    @Command(name = "regularizers", mixinStandardHelpOptions = true,
            description = "LeNet-5 training-step time with each regularizer against none.")
    static final class Regularizers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--batch", defaultValue = "64", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--steps", defaultValue = "10", description = "Steps per variant per round (default: ${DEFAULT-VALUE}).")
        int steps;
        @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds; the median counts (default: ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--dense", description = "Regularize dense layers too.")
        boolean dense;

        @Override
        public Integer call() {
            PrintWriter w = spec.commandLine().getOut();
            RegularizerOverhead.measure(batch, steps, rounds, dense).forEach(w::println);
            w.flush();
            return 0;
        }
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
