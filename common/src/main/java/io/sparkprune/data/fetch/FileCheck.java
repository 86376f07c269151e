package io.sparkprune.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Checks a file against its expected size and SHA-256. */
final class FileCheck {
    private FileCheck() {
    }

    /** What is wrong with {@code file}, or empty when it is there with the right size and digest. */
    static Optional<String> problem(Path file, ExpectedFile expected) {
        if (!Files.isRegularFile(file)) {
            return Optional.of("missing");
        }
        try {
            long size = Files.size(file);
            // The size is free to check and catches partial files without reading them.
            if (size != expected.size()) {
                return Optional.of("size " + size + " bytes, expected " + expected.size());
            }
        } catch (IOException e) {
            return Optional.of("unreadable (" + e.getMessage() + ")");
        }
        if (expected.sha256() == null) {
            return Optional.empty();
        }
        String digest = sha256(file);
        return digest.equals(expected.sha256()) ? Optional.empty()
                : Optional.of("SHA-256 " + digest + ", expected " + expected.sha256());
    }

    /** The lower-case hex SHA-256 of a file's bytes. */
    static String sha256(Path file) {
        return digest(file, "SHA-256");
    }

    /** The lower-case hex digest ({@code SHA-256}, {@code MD5}) of a file's bytes. */
    static String digest(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5 and SHA-256", e);
        }
    }
}
