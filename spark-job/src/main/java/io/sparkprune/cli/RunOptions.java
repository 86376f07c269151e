package io.sparkprune.cli;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.data.ImageFolderShape;
import com.typesafe.config.Config;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options shared by the commands that run a configured job (train, sweep). */
final class RunOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "HOCON config file.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory or Hadoop FS URI (default: ${DEFAULT-VALUE}).",
            defaultValue = "out/run")
    String out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not set by spark-submit (default: local[*]).")
    String master;

    /**
     * The merged, key-checked config: defaults, then the file, then the overrides; an image
     * folder's classes and geometry filled in from its files.
     */
    Config load() {
        return ImageFolderShape.resolve(ConfigLoader.load(config, overrides), new Configuration());
    }
}
