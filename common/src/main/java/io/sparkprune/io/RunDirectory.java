package io.sparkprune.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Arrays;
import java.util.UUID;

/**
 * A run's output directory on any Hadoop file system (local path, file://, hdfs://, s3a://).
 * Every file is written under a temporary name and renamed into place, so a crash never leaves a
 * half-written result where a finished one is expected.
 */
public final class RunDirectory {
    private final FileSystem fs;
    private final Path root;

    private RunDirectory(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /**
     * The directory named by a path or URI. It is created by the first write, not here, so that a run
     * refused before its first result (bad data, bad grid) leaves no trace in OUT.
     */
    public static RunDirectory open(String location, Configuration conf) {
        try {
            Path p = new Path(location);
            FileSystem fs = p.getFileSystem(conf);
            if (fs instanceof LocalFileSystem local) {
                fs = local.getRaw(); // no .crc side files in a user's output folder
            }
            return new RunDirectory(fs, fs.makeQualified(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output directory " + location + ": " + e.getMessage(), e);
        }
    }

    public URI uri() {
        return root.toUri();
    }

    public Path path(String name) {
        return new Path(root, name);
    }

    public boolean exists(String name) {
        try {
            return fs.exists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeText(String name, String text) {
        write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public void writeModel(String name, MultiLayerNetwork net) {
        write(name, out -> ModelSerializer.writeModel(net, out, true));
    }

    /** Deletes {@code name}, a file or a sub-directory with everything in it; nothing when it does not exist. */
    public void delete(String name) {
        try {
            fs.delete(path(name), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path(name) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes from sub-directory {@code dir} the temporary files of writes that never finished: a
     * process killed inside {@link #write} skips its clean-up. Only where no other writer is at work in
     * {@code dir} (a run's or a sweep point's own checkpoints).
     */
    public void deleteUnfinishedWrites(String dir) {
        try {
            if (!fs.exists(path(dir))) {
                return;
            }
            for (FileStatus st : fs.listStatus(path(dir))) {
                String n = st.getPath().getName();
                if (st.isFile() && n.startsWith(".") && n.endsWith(".tmp")) {
                    fs.delete(st.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + path(dir) + ": " + e.getMessage(), e);
        }
    }

    /** Names of the files in sub-directory {@code dir}, sorted; empty when it does not exist. */
    public List<String> list(String dir) {
        try {
            if (!fs.exists(path(dir))) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(path(dir))).filter(FileStatus::isFile)
                    .map(st -> st.getPath().getName()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path(dir) + ": " + e.getMessage(), e);
        }
    }

    public String readText(String name) {
        try (FSDataInputStream in = fs.open(path(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(name) + ": " + e.getMessage(), e);
        }
    }

    public MultiLayerNetwork readModel(String name) {
        try (InputStream in = fs.open(path(name))) {
            return ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + path(name) + ": " + e.getMessage(), e);
        }
    }

    /** Writes through {@code body} to a temporary file, then renames it over {@code name}. */
    public void write(String name, StreamBody body) {
        Path target = path(name);
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                body.writeTo(out);
            }
            // FileContext's OVERWRITE rename replaces in one step (atomic on HDFS and POSIX).
            FileContext.getFileContext(root.toUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) { // the body failed (e.g. a file it reads is missing): nothing is left behind
            deleteQuietly(tmp);
            throw e;
        }
    }

    private void deleteQuietly(Path p) {
        try {
            fs.delete(p, false);
        } catch (IOException ignored) {
            // The temporary file is invisible to readers; leaving it behind loses nothing.
        }
    }

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface StreamBody {
        void writeTo(java.io.OutputStream out) throws IOException;
    }
}
