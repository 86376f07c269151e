package io.sparkprune.data.fetch;

import io.sparkprune.data.DatasetFiles;
import io.sparkprune.data.Split;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * CIFAR-10's binary version, {@code cifar-10-binary.tar.gz}: downloaded from its canonical address
 * (or a mirror: any http, https, file or Hadoop URL), checked against its published MD5, and its
 * six batch files unpacked from {@code cifar-10-batches-bin/}. The archive's checksum vouches for
 * their content, so on disk each batch is checked by its size (10,000 records of 3,073 bytes).
 */
public final class CifarBinarySource implements DatasetSource {
    /** The MD5 published beside the archive on the CIFAR-10 page. */
    public static final String PUBLISHED_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /** Every batch of the binary version: 10,000 records of 1 label + 3,072 pixel bytes. */
    public static final long BATCH_BYTES = 10_000L * 3073;
    private static final Logger LOG = LoggerFactory.getLogger(CifarBinarySource.class);

    private final String url;
    private final String md5;
    private final long batchBytes;
    private final Consumer<String> progress;

    /** The official archive from {@code url} (null: the canonical address), progress lines to {@code progress}. */
    public static CifarBinarySource official(String url, Consumer<String> progress) {
        return new CifarBinarySource(url == null ? DatasetFiles.CIFAR10_BINARY_URL : url, PUBLISHED_MD5, BATCH_BYTES,
                progress);
    }

    /** An archive in the same format with its own checksum and batch size (tests serve a generated one). */
    CifarBinarySource(String url, String md5, long batchBytes, Consumer<String> progress) {
        this.url = url;
        this.md5 = md5;
        this.batchBytes = batchBytes;
        this.progress = progress;
    }

    @Override
    public String description() {
        return url;
    }

    @Override
    public List<ExpectedFile> files() {
        return Stream.concat(DatasetFiles.cifarBatches(Split.TRAIN).stream(),
                DatasetFiles.cifarBatches(Split.TEST).stream()).map(n -> new ExpectedFile(n, batchBytes, null)).toList();
    }

    @Override
    public Path stage(Path workDir) {
        Path archive = workDir.resolve("cifar-10-binary.tar.gz");
        Download.to(url, archive, progress);
        String actual = FileCheck.digest(archive, "MD5");
        if (!actual.equals(md5)) {
            throw new DataFetchException("checksum mismatch: " + url + " gave an archive with MD5 " + actual
                    + ", expected " + md5 + " (a damaged download or not the CIFAR-10 binary version; try again"
                    + " or another mirror)");
        }
        Path unpacked = workDir.resolve("batches");
        unpack(archive, unpacked);
        return unpacked;
    }

    /** Extracts the batch files (by file name, wherever they sit in the archive) into {@code dir}. */
    private void unpack(Path archive, Path dir) {
        List<String> wanted = files().stream().map(ExpectedFile::name).toList();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            Files.createDirectories(dir);
            for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (e.isFile() && wanted.contains(name)) {
                    Files.copy(tar, dir.resolve(name));
                    LOG.debug("unpacked {}", name);
                }
            }
        } catch (IOException e) {
            throw new DataFetchException("cannot unpack " + url + ": " + e.getMessage()
                    + " (the archive verified but is not a tar.gz of CIFAR-10 batches)", e);
        }
    }
}
