package io.sparkprune.data.fetch;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Copies a URL to a local file with a progress line: {@code http://} and {@code https://} with the
 * JDK's client (the status and the announced length are checked, so a server error or a cut
 * connection fails instead of leaving a short file), any other scheme ({@code file://},
 * {@code hdfs://}, ...) through Hadoop's FileSystem.
 */
final class Download {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

    private Download() {
    }

    /** Downloads {@code url} into {@code target}; {@code progress} gets a line now and then and a last one at the end. */
    static void to(String url, Path target, Consumer<String> progress) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        try {
            if (scheme.equals("http") || scheme.equals("https")) {
                http(uri, target, progress);
            } else {
                FileSystem fs = FileSystem.get(uri, new Configuration());
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
                long length = fs.getFileStatus(path).getLen();
                try (InputStream in = fs.open(path)) {
                    copy(in, target, length, url, progress);
                }
            }
        } catch (IOException e) {
            throw new DataFetchException("cannot download " + url + ": " + e
                    + " (check the address, or pass another one with --url)", e);
        }
    }

    private static void http(URI uri, Path target, Consumer<String> progress) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout((int) TIMEOUT.toMillis());
        c.setReadTimeout((int) TIMEOUT.toMillis());
        c.setInstanceFollowRedirects(true);
        try {
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new DataFetchException("cannot download " + uri + ": the server answered HTTP " + status + " "
                        + c.getResponseMessage() + " (try again later, or pass a mirror with --url)");
            }
            try (InputStream in = c.getInputStream()) {
                copy(in, target, c.getContentLengthLong(), uri.toString(), progress);
            }
        } finally {
            c.disconnect();
        }
    }

    /** {@code length} < 0 when unknown. */
    private static void copy(InputStream in, Path target, long length, String url, Consumer<String> progress)
            throws IOException {
        String name = url.substring(url.lastIndexOf('/') + 1);
        long done = 0;
        long lastShown = System.nanoTime();
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                done += n;
                if (System.nanoTime() - lastShown > PROGRESS_EVERY_NANOS) {
                    progress.accept(line(name, done, length));
                    lastShown = System.nanoTime();
                }
            }
        }
        progress.accept(line(name, done, length));
        if (length >= 0 && done != length) {
            throw new DataFetchException("download of " + url + " ended after " + done + " of " + length
                    + " bytes (the connection was cut: run the fetch again)");
        }
    }

    static String line(String name, long done, long length) {
        return length > 0 ? String.format("downloading %s: %.1f of %.1f MB (%d%%)", name, done / 1e6, length / 1e6,
                done * 100 / length) : String.format("downloading %s: %.1f MB", name, done / 1e6);
    }
}
