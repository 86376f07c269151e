package io.sparkprune.cli;

import io.sparkprune.config.DatasetName;
import io.sparkprune.config.Named;
import io.sparkprune.data.fetch.DatasetFetcher;
import io.sparkprune.data.fetch.FetchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code data fetch mnist|fashion-mnist [--dir DIR]}: download, verify, and keep datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Dataset management.",
        subcommands = DataCommand.Fetch.class)
final class DataCommand {

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch a dataset and verify its checksums; a re-run does nothing when the files verify.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "mnist | fashion-mnist")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Target directory (default: data/NAME).")
        Path dir;

        @Override
        public Integer call() {
            DatasetName dataset = Named.parse(DatasetName.class, "data fetch NAME", name);
            Path target = dir != null ? dir : Path.of("data", dataset.configName());
            FetchResult result = new DatasetFetcher().fetch(dataset, target);
            spec.commandLine().getOut().print(result.summary());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
