package io.sparkprune.cli;

import io.sparkprune.config.ConfigLoader;
import com.typesafe.config.Config;
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

    /** The merged, key-checked config: defaults, then the file, then the overrides. */
    Config load() {
        return ConfigLoader.load(config, overrides);
    }
}
