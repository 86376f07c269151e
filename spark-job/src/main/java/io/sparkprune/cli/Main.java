package io.sparkprune.cli;

import picocli.CommandLine;

/** Entry point for the launcher and for {@code spark-submit --class io.sparkprune.cli.Main}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code: 0 success, 2 usage/config/input error, 1 failure. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SparkpruneCommand());
        cli.setExecutionExceptionHandler(new ExitCodes());
        return cli.execute(args);
    }
}
