package io.sparkprune.cli;

import io.sparkprune.config.ConfigException;
import io.sparkprune.data.DataFormatException;
import io.sparkprune.prunable.PruningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Maps failures to the launcher's contract: a user's mistake (bad config, bad input file) is one
 * line on stderr and exit 2; anything else is a runtime failure, exit 1, with its stack trace logged.
 */
final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int FAILURE = CommandLine.ExitCode.SOFTWARE;
    private static final Logger LOG = LoggerFactory.getLogger(ExitCodes.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (isUserError(ex)) {
            cmd.getErr().println("sparkprune " + cmd.getCommandName() + ": " + ex.getMessage());
            return USAGE;
        }
        LOG.error("{} failed", cmd.getCommandName(), ex);
        cmd.getErr().println("sparkprune " + cmd.getCommandName() + ": failed: " + ex);
        return FAILURE;
    }

    private static boolean isUserError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ConfigException || t instanceof DataFormatException || t instanceof PruningException
                    || t instanceof UserInputException) {
                return true;
            }
        }
        return false;
    }
}
