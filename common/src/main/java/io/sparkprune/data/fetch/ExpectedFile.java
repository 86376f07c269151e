package io.sparkprune.data.fetch;

/**
 * A file a dataset source provides, with the size and SHA-256 it must have. A null SHA-256 means
 * the source verifies the file's content itself (CIFAR-10's batches: by the archive's published
 * checksum) and only its size is checked on disk.
 */
public record ExpectedFile(String name, long size, String sha256) {
    public ExpectedFile {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("expected file needs a plain file name, got '" + name + "'");
        }
        if (size < 0 || sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("expected file " + name + " needs a size >= 0 and a lower-case hex SHA-256"
                    + " (or none)");
        }
    }
}
