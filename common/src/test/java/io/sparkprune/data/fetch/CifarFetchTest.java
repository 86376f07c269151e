package io.sparkprune.data.fetch;

import com.sun.net.httpserver.HttpServer;
import io.sparkprune.config.DatasetName;
import io.sparkprune.data.CifarWriter;
import io.sparkprune.data.DatasetFiles;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.data.Split;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code data fetch cifar10} against a real HTTP server on 127.0.0.1 serving an archive built like
 * cifar-10-binary.tar.gz (cifar-10-batches-bin/ with the six batches and the metadata files), with
 * its own MD5 in place of the published one. Nothing leaves the machine.
 */
class CifarFetchTest {
    private static final int RECORDS = 40;
    private static final long BATCH = RECORDS * 3073L;

    @TempDir
    Path target;
    @TempDir
    Path scratch;

    private HttpServer server;
    private byte[] archive;
    private String md5;
    /** What the server does with the next requests: serve, cut the body short, or answer 500. */
    private volatile String mode = "good";
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> progress = new ArrayList<>();
    private final Map<String, LabeledImages> written = new java.util.HashMap<>();

    @BeforeEach
    void serve() throws Exception {
        archive = buildArchive();
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cifar-10-binary.tar.gz", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                switch (mode) {
                    case "error" -> exchange.sendResponseHeaders(500, -1);
                    case "truncated" -> {
                        exchange.sendResponseHeaders(200, archive.length); // promises all, sends a third
                        exchange.getResponseBody().write(archive, 0, archive.length / 3);
                    }
                    default -> {
                        exchange.sendResponseHeaders(200, archive.length);
                        exchange.getResponseBody().write(archive);
                    }
                }
            } catch (IOException e) {
                // the client gave up on a cut response
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz";
    }

    private DatasetFetcher fetcher(String url, String expectedMd5) {
        return new DatasetFetcher(Map.of(DatasetName.CIFAR10,
                new CifarBinarySource(url, expectedMd5, BATCH, progress::add)));
    }

    private byte[] buildArchive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            add(tar, "cifar-10-batches-bin/batches.meta.txt", String.join("\n", io.sparkprune.data.CifarImport.CLASSES)
                    .getBytes());
            int seed = 0;
            for (Split split : Split.values()) {
                for (String name : DatasetFiles.cifarBatches(split)) {
                    LabeledImages images = PatternImages.of(RECORDS, 3, 32, 32, seed++);
                    written.put(name, images);
                    add(tar, "cifar-10-batches-bin/" + name, CifarWriter.batchBytes(images));
                }
            }
            add(tar, "cifar-10-batches-bin/readme.html", "<html></html>".getBytes());
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private List<String> visibleFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private List<String> allFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void goodArchiveGivesTheSixBatchesReadableAsCifar10WithProgress() throws Exception {
        FetchResult result = fetcher(url(), md5).fetch(DatasetName.CIFAR10, target);
        assertFalse(result.allPresent());
        assertEquals(List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin"), allFiles(target), "no work files, no metadata files left");
        LabeledImages test = Datasets.readAll(DatasetName.CIFAR10, target.toString(), Split.TEST, new Configuration());
        assertEquals(written.get("test_batch.bin").toDataSet(), test.toDataSet());
        assertEquals(5 * RECORDS, Datasets.readAll(DatasetName.CIFAR10, target.toString(), Split.TRAIN,
                new Configuration()).count());
        assertTrue(progress.get(progress.size() - 1).contains("(100%)"), progress.toString());
        assertTrue(result.summary().contains("fetched, verified"), result.summary());
    }

    @Test
    void reRunDownloadsNothing() throws Exception {
        fetcher(url(), md5).fetch(DatasetName.CIFAR10, target);
        long modified = Files.getLastModifiedTime(target.resolve("test_batch.bin")).toMillis();
        FetchResult again = fetcher(url(), md5).fetch(DatasetName.CIFAR10, target);
        assertTrue(again.allPresent());
        assertEquals(1, requests.get(), "no second download");
        assertEquals(modified, Files.getLastModifiedTime(target.resolve("test_batch.bin")).toMillis());
    }

    @Test
    void wrongChecksumInstallsNothing() throws Exception {
        DataFetchException e = assertThrows(DataFetchException.class,
                () -> fetcher(url(), "0".repeat(32)).fetch(DatasetName.CIFAR10, target));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(md5), e.getMessage());
        assertEquals(List.of(), allFiles(target), "nothing left, not even the work folder");
    }

    @Test
    void truncatedDownloadInstallsNothing() throws Exception {
        mode = "truncated";
        DataFetchException e = assertThrows(DataFetchException.class,
                () -> fetcher(url(), md5).fetch(DatasetName.CIFAR10, target));
        assertTrue(e.getMessage().contains(url()), e.getMessage());
        assertEquals(List.of(), allFiles(target));
    }

    @Test
    void serverErrorIsNamed() throws Exception {
        mode = "error";
        DataFetchException e = assertThrows(DataFetchException.class,
                () -> fetcher(url(), md5).fetch(DatasetName.CIFAR10, target));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(List.of(), allFiles(target));
    }

    @Test
    void interruptedFetchIsCompletedByARerun() throws Exception {
        // What a fetch killed mid-way leaves: its hidden work folder with a partial archive, a partial
        // .part file, and some batches already moved into place.
        Path stale = Files.createDirectory(target.resolve(".fetch-123"));
        Files.write(stale.resolve("cifar-10-binary.tar.gz"), java.util.Arrays.copyOf(archive, 100));
        Files.write(target.resolve(".test_batch.bin.part"), new byte[10]);
        fetcher(url(), md5).fetch(DatasetName.CIFAR10, scratch);
        Files.copy(scratch.resolve("data_batch_1.bin"), target.resolve("data_batch_1.bin"));
        assertEquals(List.of("data_batch_1.bin"), visibleFiles(target), "looks incomplete: five batches missing");

        mode = "truncated";
        assertThrows(DataFetchException.class, () -> fetcher(url(), md5).fetch(DatasetName.CIFAR10, target));
        assertEquals(List.of("data_batch_1.bin"), visibleFiles(target), "a failed re-run adds nothing");

        mode = "good";
        FetchResult result = fetcher(url(), md5).fetch(DatasetName.CIFAR10, target);
        assertEquals(6, visibleFiles(target).size());
        assertTrue(result.files().get(0).alreadyPresent(), "the intact batch was kept");
        assertEquals(written.get("data_batch_5.bin").toDataSet(),
                Datasets.readAll(DatasetName.CIFAR10, target.toString(), Split.TRAIN, new Configuration())
                        .slice(4 * RECORDS, 5 * RECORDS).toDataSet());
    }

    @Test
    void fileUrlsWorkToo() throws Exception {
        Path local = scratch.resolve("mirror.tar.gz");
        Files.write(local, archive);
        fetcher(local.toUri().toString(), md5).fetch(DatasetName.CIFAR10, target);
        assertEquals(6, visibleFiles(target).size());
    }
}
