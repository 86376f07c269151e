package io.sparkprune.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Points DJL at the libtorch bundled in {@code pytorch-native-cpu} before its engine loads:
 * offline (no download), CPU flavour, unpacked into this build's {@code target/djl-cache}.
 * Settings the user passed as system properties win.
 */
final class PeerEngine {
    static final String PYTORCH = "PyTorch";

    private PeerEngine() {
    }

    static void configure() {
        Properties built = new Properties();
        try (InputStream in = PeerEngine.class.getResourceAsStream("/sparkprune-peer.properties")) {
            built.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sparkprune-peer.properties", e);
        }
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        setIfAbsent("DJL_CACHE_DIR", built.getProperty("djl.cache.dir"));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
