package io.sparkprune.data.fetch;

import java.nio.file.Path;
import java.util.List;

/** A dataset source that serves files from a local folder and counts how often it was asked. */
final class FolderSource implements DatasetSource {
    private final Path folder;
    private final List<ExpectedFile> files;
    int stagings;
    Path lastWorkDir;

    FolderSource(Path folder, List<ExpectedFile> files) {
        this.folder = folder;
        this.files = files;
    }

    /** Expects exactly the files now in {@code folder} with these names. */
    static FolderSource of(Path folder, String... names) {
        return new FolderSource(folder, List.of(names).stream()
                .map(n -> new ExpectedFile(n, folder.resolve(n).toFile().length(), FileCheck.sha256(folder.resolve(n))))
                .toList());
    }

    @Override
    public String description() {
        return "test folder " + folder;
    }

    @Override
    public List<ExpectedFile> files() {
        return files;
    }

    @Override
    public Path stage(Path workDir) {
        stagings++;
        lastWorkDir = workDir;
        return folder;
    }
}
