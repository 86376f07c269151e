package io.sparkprune.cli;

import picocli.CommandLine;

/** Reports the jar's implementation version (set by Maven) or "development". */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[]{"sparkprune " + (v == null ? "development" : v)};
    }
}
