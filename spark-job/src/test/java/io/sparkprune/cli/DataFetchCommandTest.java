package io.sparkprune.cli;

import io.sparkprune.data.fetch.CifarBinarySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code data fetch cifar10 --url}: the mirror is used, and its archive must still have the published MD5. */
class DataFetchCommandTest {
    @TempDir
    Path dir;

    private long filesIn(Path d) throws Exception {
        if (!Files.exists(d)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.count();
        }
    }

    @Test
    void mirrorWithAnotherArchiveFailsItsChecksumAndInstallsNothing() throws Exception {
        Path mirror = dir.resolve("cifar-10-binary.tar.gz");
        Files.write(mirror, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0});
        Path target = dir.resolve("cifar10");
        CliResult r = CliResult.run("data", "fetch", "cifar10", "--url", mirror.toUri().toString(), "--dir",
                target.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("checksum mismatch") && r.err().contains(CifarBinarySource.PUBLISHED_MD5), r.err());
        assertTrue(r.err().contains("downloading cifar-10-binary.tar.gz"), "progress line: " + r.err());
        assertEquals(0, filesIn(target), "nothing installed");
    }

    @Test
    void unreachableMirrorIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port + "/cifar-10-binary.tar.gz";
        CliResult r = CliResult.run("data", "fetch", "cifar10", "--url", url, "--dir", dir.resolve("c").toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("cannot download " + url), r.err());
    }
}
