package io.sparkprune.cli;

import io.sparkprune.config.DatasetName;
import io.sparkprune.config.Named;
import io.sparkprune.data.CifarImport;
import io.sparkprune.data.fetch.DatasetFetcher;
import io.sparkprune.data.fetch.FetchResult;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code data fetch mnist|fashion-mnist|cifar10 [--dir DIR]}: download, verify, and keep datasets;
 * {@code data import cifar10 --from IMAGES --dir DIR}: CIFAR-10 from an image folder.
 */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Dataset management.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Import.class})
final class DataCommand {

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch a dataset and verify its checksums; a re-run does nothing when the files verify.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "mnist | fashion-mnist | cifar10")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Target directory (default: data/NAME).")
        Path dir;

        @Option(names = "--url", paramLabel = "URL", description = {"cifar10 only: a mirror of cifar-10-binary.tar.gz"
                + " (https://, http://, file://, hdfs://); its MD5 must still be the published one."})
        String url;

        @Override
        public Integer call() {
            DatasetName dataset = Named.parse(DatasetName.class, "data fetch NAME", name);
            if (url != null && dataset != DatasetName.CIFAR10) {
                throw new UserInputException("--url is for cifar10 only; " + name + " comes from its package");
            }
            Path target = dir != null ? dir : Path.of("data", dataset.configName());
            PrintWriter err = spec.commandLine().getErr();
            // One line rewritten in place: \r returns to its start.
            FetchResult result = new DatasetFetcher(url, line -> {
                err.print("\r" + line);
                err.flush();
            }).fetch(dataset, target);
            if (!result.allPresent() && dataset == DatasetName.CIFAR10) {
                err.println();
            }
            spec.commandLine().getOut().print(result.summary());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Turn CIFAR-10 as an image folder (train/<class>/*.jpg, test/<class>/*.jpg: a folder,",
                    ".tar or .tar.gz, local or a Hadoop URI) into the binary batches data.name = cifar10 reads."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "cifar10")
        String name;

        @Option(names = "--from", required = true, paramLabel = "IMAGES", description = "The image folder or archive.")
        String from;

        @Option(names = "--dir", paramLabel = "DIR", description = "Target directory (default: data/NAME).")
        Path dir;

        @Override
        public Integer call() {
            if (Named.parse(DatasetName.class, "data import NAME", name) != DatasetName.CIFAR10) {
                throw new UserInputException("data import reads cifar10 only, got " + name
                        + " (train on any other image folder directly with data.name = image-folder)");
            }
            Path target = dir != null ? dir : Path.of("data", name);
            int[] counts = CifarImport.run(from, target, new Configuration());
            var out = spec.commandLine().getOut();
            out.printf("cifar10 in %s: %,d training and %,d test images from %s%n", target.toAbsolutePath(),
                    counts[0], counts[1], from);
            out.println("train on it with --set data.name=cifar10 --set data.dir=" + target);
            out.flush();
            return 0;
        }
    }
}
