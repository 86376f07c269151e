package io.sparkprune.spark.sweep;

import org.slf4j.Logger;

import java.io.PrintStream;

/**
 * Where sweep progress goes: on a terminal, one line rewritten in place on stderr; otherwise
 * (output to a file, a cluster's driver log) one INFO log line per update.
 */
final class ProgressLine {
    private final Logger log;
    private final PrintStream terminal;
    private int lastLength;

    private ProgressLine(Logger log, PrintStream terminal) {
        this.log = log;
        this.terminal = terminal;
    }

    static ProgressLine forThisProcess(Logger log) {
        return new ProgressLine(log, System.console() != null ? System.err : null);
    }

    synchronized void show(String line) {
        if (terminal == null) {
            log.info(line);
            return;
        }
        log.debug(line);
        terminal.print(rewrite(line, lastLength));
        terminal.flush();
        lastLength = line.length();
    }

    /** Ends the live line so that what follows starts on a fresh one. */
    synchronized void close() {
        if (terminal != null && lastLength > 0) {
            terminal.println();
        }
    }

    /** Carriage return, the line, and blanks over what is left of a longer previous line. */
    static String rewrite(String line, int previousLength) {
        return "\r" + line + " ".repeat(Math.max(0, previousLength - line.length()));
    }
}
