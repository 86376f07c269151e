package io.sparkprune.data.fetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebianFashionMnistSourceTest {
    @TempDir
    Path installed;
    @TempDir
    Path work;

    @Test
    void anInstalledPackageIsUsedWithoutDownloading() throws Exception {
        for (ExpectedFile f : DebianFashionMnistSource.FILES) {
            Files.writeString(installed.resolve(f.name()), "stand-in");
        }
        assertEquals(installed, new DebianFashionMnistSource(installed).stage(work));
        try (var left = Files.list(work)) {
            assertTrue(left.findAny().isEmpty(), "nothing downloaded");
        }
    }
}
