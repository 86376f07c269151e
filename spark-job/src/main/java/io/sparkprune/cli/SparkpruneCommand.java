package io.sparkprune.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: only dispatches to its subcommands. */
@Command(name = "sparkprune", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train CNNs on Spark with sparsity-inducing regularizers, prune irrelevant filters, "
                + "compare regularizers.",
        subcommands = {DataCommand.class, TrainCommand.class, SweepCommand.class, ReportCommand.class, PruneCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
final class SparkpruneCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command (see --help)");
    }
}
