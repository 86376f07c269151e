package io.sparkprune.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One dataset file on any Hadoop FileSystem (file://, hdfs://, s3a://, ...). A directory
 * without a scheme is a local path, whatever {@code fs.defaultFS} says, so that
 * {@code data.dir = data/mnist} means the same on a laptop and on a cluster driver.
 */
final class DataFile {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final FileSystem fs;
    private final Path path;
    private Boolean gzip;

    private DataFile(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    /**
     * The first of {@code candidates} (file names) present in {@code dir}, or a
     * {@link DataFormatException} listing every name looked for, followed by {@code hint}.
     */
    static DataFile findFirst(String dir, List<String> candidates, Configuration conf, String what, String hint) {
        Path base = new Path(dir);
        try {
            FileSystem fs = base.toUri().getScheme() == null ? FileSystem.getLocal(conf) : base.getFileSystem(conf);
            Path qualified = fs.makeQualified(base);
            for (String name : candidates) {
                Path candidate = new Path(qualified, name);
                if (isFile(fs, candidate)) {
                    return new DataFile(fs, candidate);
                }
            }
            String where = fs.exists(qualified) ? "in " + qualified : "(directory " + qualified + " does not exist)";
            throw new DataFormatException("no " + what + " " + where + ": looked for " + String.join(", ", candidates)
                    + "; " + hint);
        } catch (IOException e) {
            throw new DataFormatException("cannot read dataset directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One metadata call instead of exists + isFile (FileSystem.isFile is deprecated; each call is a round trip on HDFS/S3). */
    private static boolean isFile(FileSystem fs, Path path) throws IOException {
        try {
            return fs.getFileStatus(path).isFile();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** The file's length in bytes as stored (compressed size for .gz files). */
    long storedLength() {
        try {
            return fs.getFileStatus(path).getLen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path, e);
        }
    }

    /** True when the file starts with the gzip magic bytes (whatever its name says). */
    boolean isGzip() {
        if (gzip != null) {
            return gzip;
        }
        try (InputStream in = fs.open(path)) {
            gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
            return gzip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The file's content, decompressed when it is gzip. */
    RecordInput open() {
        try {
            InputStream raw = fs.open(path);
            InputStream in = isGzip() ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
            return new RecordInput(in, this);
        } catch (IOException e) {
            throw DataFormatException.inFile(path, "cannot open: " + e.getMessage());
        }
    }

    Path path() {
        return path;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
