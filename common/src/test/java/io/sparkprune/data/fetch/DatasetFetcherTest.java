package io.sparkprune.data.fetch;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.DatasetName;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.IdxWriter;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import io.sparkprune.data.SyntheticImages;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetching from a local folder source: install, idempotent re-run, repair, refusal of bad files. */
class DatasetFetcherTest {
    private static final String IMAGES = "train-images-idx3-ubyte.gz";
    private static final String LABELS = "train-labels-idx1-ubyte.gz";

    @TempDir
    Path source;
    @TempDir
    Path target;

    private final LabeledImages images = SyntheticImages.mnistLike(30, 4);
    private FolderSource folder;
    private DatasetFetcher fetcher;

    @BeforeEach
    void setUp() {
        IdxWriter.writeSplit(source, Split.TRAIN, images, true);
        folder = FolderSource.of(source, IMAGES, LABELS);
        fetcher = new DatasetFetcher(Map.of(DatasetName.FASHION_MNIST, folder));
    }

    @Test
    void firstFetchInstallsVerifiedReadableFiles() throws Exception {
        FetchResult result = fetcher.fetch(DatasetName.FASHION_MNIST, target.resolve("new/dir"));
        assertFalse(result.allPresent());
        assertEquals(1, folder.stagings);
        for (FetchResult.FetchedFile f : result.files()) {
            assertFalse(f.alreadyPresent());
            assertArrayEquals(Files.readAllBytes(source.resolve(f.path().getFileName())), Files.readAllBytes(f.path()));
        }
        LabeledImages back = Datasets.readAll(DatasetName.FASHION_MNIST, target.resolve("new/dir").toString(),
                Split.TRAIN, new Configuration());
        assertEquals(images.toDataSet(), back.toDataSet());
        assertTrue(result.summary().contains("fetched, verified"), result.summary());
    }

    @Test
    void secondFetchDoesNothing() throws Exception {
        fetcher.fetch(DatasetName.FASHION_MNIST, target);
        long modified = Files.getLastModifiedTime(target.resolve(IMAGES)).toMillis();
        FetchResult again = fetcher.fetch(DatasetName.FASHION_MNIST, target);
        assertTrue(again.allPresent());
        assertEquals(1, folder.stagings, "no second download");
        assertEquals(modified, Files.getLastModifiedTime(target.resolve(IMAGES)).toMillis());
        assertTrue(again.summary().contains("already present"), again.summary());
    }

    @Test
    void partialOrCorruptFileIsFetchedAgainAndOnlyIt() throws Exception {
        fetcher.fetch(DatasetName.FASHION_MNIST, target);
        byte[] good = Files.readAllBytes(target.resolve(IMAGES));
        Files.write(target.resolve(IMAGES), Arrays.copyOf(good, good.length / 2));
        byte[] flipped = Files.readAllBytes(target.resolve(LABELS));
        flipped[20] ^= 1;
        Files.write(target.resolve(LABELS), flipped);

        FetchResult repaired = fetcher.fetch(DatasetName.FASHION_MNIST, target);
        assertEquals(2, folder.stagings);
        assertTrue(repaired.files().stream().noneMatch(FetchResult.FetchedFile::alreadyPresent));
        assertArrayEquals(good, Files.readAllBytes(target.resolve(IMAGES)));
        assertArrayEquals(Files.readAllBytes(source.resolve(LABELS)), Files.readAllBytes(target.resolve(LABELS)));
    }

    @Test
    void onlyTheDamagedFileIsReplaced() throws Exception {
        fetcher.fetch(DatasetName.FASHION_MNIST, target);
        Files.delete(target.resolve(LABELS));
        FetchResult result = fetcher.fetch(DatasetName.FASHION_MNIST, target);
        assertEquals(List.of(true, false), result.files().stream().map(FetchResult.FetchedFile::alreadyPresent).toList());
    }

    @Test
    void aSourceGivingWrongBytesLeavesNoFileBehind() throws Exception {
        // The source now serves a file whose checksum differs from what it promised.
        byte[] other = IdxWriter.gzip(IdxWriter.imagesBytes(SyntheticImages.mnistLike(30, 99)));
        Files.write(source.resolve(IMAGES), other);
        DataFetchException e = assertThrows(DataFetchException.class,
                () -> fetcher.fetch(DatasetName.FASHION_MNIST, target));
        assertTrue(e.getMessage().contains(IMAGES) && e.getMessage().contains("does not verify"), e.getMessage());
        assertFalse(Files.exists(target.resolve(IMAGES)));
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temporary files left");
        }
    }

    @Test
    void aSourceMissingAFileIsNamed() throws Exception {
        Files.delete(source.resolve(LABELS));
        DataFetchException e = assertThrows(DataFetchException.class,
                () -> fetcher.fetch(DatasetName.FASHION_MNIST, target));
        assertTrue(e.getMessage().contains("did not provide " + LABELS), e.getMessage());
    }

    @Test
    void relativeTargetIsMadeAbsoluteForSourcesThatRunCommands() {
        Path relative = Path.of("").toAbsolutePath().relativize(target);
        FetchResult result = fetcher.fetch(DatasetName.FASHION_MNIST, relative);
        assertTrue(folder.lastWorkDir.isAbsolute(), folder.lastWorkDir.toString());
        assertEquals(target, result.dir());
    }

    @Test
    void imageFolderCannotBeFetchedAndSaysWhatItIs() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new DatasetFetcher().fetch(DatasetName.IMAGE_FOLDER, target));
        assertTrue(e.getMessage().contains("train/<class>"), e.getMessage());
    }
}
