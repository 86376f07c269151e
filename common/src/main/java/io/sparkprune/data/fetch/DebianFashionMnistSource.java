package io.sparkprune.data.fetch;

import io.sparkprune.data.DatasetFiles;
import io.sparkprune.data.Split;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST as gzip-compressed IDX files from the Debian package
 * {@code dataset-fashion-mnist}: taken from where the package installs them when it is
 * installed, otherwise downloaded with {@code apt-get download} and unpacked with
 * {@code dpkg -x}, neither of which needs root.
 */
public final class DebianFashionMnistSource implements DatasetSource {
    public static final String PACKAGE = "dataset-fashion-mnist";
    public static final Path INSTALLED_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Sizes and SHA-256 of the .gz files in dataset-fashion-mnist 0.0~git20200523.55506a9-1. */
    static final List<ExpectedFile> FILES = List.of(
            new ExpectedFile(DatasetFiles.idxImages(Split.TRAIN) + ".gz", 26_421_856L,
                    "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
            new ExpectedFile(DatasetFiles.idxLabels(Split.TRAIN) + ".gz", 29_491L,
                    "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
            new ExpectedFile(DatasetFiles.idxImages(Split.TEST) + ".gz", 4_422_079L,
                    "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
            new ExpectedFile(DatasetFiles.idxLabels(Split.TEST) + ".gz", 5_125L,
                    "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"));

    private final Path installedDir;

    public DebianFashionMnistSource() {
        this(INSTALLED_DIR);
    }

    /** Looks for an installed copy in {@code installedDir} instead of the package's own folder. */
    DebianFashionMnistSource(Path installedDir) {
        this.installedDir = installedDir;
    }

    @Override
    public String description() {
        return "Debian package " + PACKAGE;
    }

    @Override
    public List<ExpectedFile> files() {
        return FILES;
    }

    @Override
    public Path stage(Path workDir) {
        if (FILES.stream().allMatch(f -> Files.isRegularFile(installedDir.resolve(f.name())))) {
            return installedDir;
        }
        ExternalCommand.run(workDir, "needs apt-get and a package index that lists " + PACKAGE
                + ": run `apt-get update` first if apt cannot find it", "apt-get", "download", PACKAGE);
        Path deb = StagedFiles.single(workDir, ".deb", "apt-get download " + PACKAGE);
        // Both paths relative to workDir, where the command runs.
        ExternalCommand.run(workDir, "", "dpkg", "-x", deb.getFileName().toString(), "root");
        return workDir.resolve("root").resolve(INSTALLED_DIR.toString().substring(1));
    }
}
