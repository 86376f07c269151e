package io.sparkprune.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point for the launcher and for {@code spark-submit --class io.sparkprune.cli.Main}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code: 0 success, 2 usage/config/input error, 1 failure. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, writing to the given streams (tests read them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SparkpruneCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ExitCodes());
        return cli.execute(args);
    }
}
