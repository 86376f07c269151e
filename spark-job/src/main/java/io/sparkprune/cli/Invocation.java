package io.sparkprune.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** The command line a run was started with, as its run record keeps it. */
final class Invocation {
    private Invocation() {
    }

    /** {@code sparkprune} followed by every argument given, the command's name included. */
    static List<String> of(CommandSpec spec) {
        List<String> line = new ArrayList<>();
        line.add(spec.root().name());
        line.addAll(spec.commandLine().getParseResult().originalArgs());
        return line;
    }
}
