package io.sparkprune.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one CLI invocation printed and returned. */
record CliResult(int exitCode, String out, String err) {

    static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliResult(code, out.toString(), err.toString());
    }
}
