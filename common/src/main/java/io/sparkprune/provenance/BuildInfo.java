package io.sparkprune.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Facts fixed when sparkprune was built, written by the build into {@code build.properties} beside
 * this class (see common/pom.xml): its version, the git commit it was built from ("-dirty" when the
 * checkout had changes) and the DL4J version it was compiled against.
 */
public record BuildInfo(String version, String gitCommit, String dl4jVersion) {
    private static final String UNKNOWN = "unknown";
    private static final BuildInfo CURRENT = load();

    /** The running code's build facts ("unknown" for any the build could not record). */
    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sparkprune's build.properties", e);
        }
        return new BuildInfo(p.getProperty("version", UNKNOWN), p.getProperty("git.commit", UNKNOWN),
                p.getProperty("dl4j.version", UNKNOWN));
    }
}
