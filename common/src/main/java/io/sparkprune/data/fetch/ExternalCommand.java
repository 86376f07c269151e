package io.sparkprune.data.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool (npm, tar, apt-get, dpkg) in a folder. A failure becomes a
 * {@link DataFetchException} naming the command, its exit code and the tail of its stderr,
 * because that tail is usually the only useful clue (no network, package not found, ...).
 */
final class ExternalCommand {
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final int STDERR_TAIL_CHARS = 1500;

    private ExternalCommand() {
    }

    /**
     * Runs {@code command} in {@code workDir} and returns its stdout. {@code hint} (may be empty)
     * is added to failure messages.
     */
    static String run(Path workDir, String hint, String... command) {
        String shown = String.join(" ", command);
        String advice = hint.isEmpty() ? "" : " (" + hint + ")";
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile(workDir, ".cmd-", ".out");
            err = Files.createTempFile(workDir, ".cmd-", ".err");
            // Output goes to files so a chatty tool can never block on a full pipe.
            Process process = new ProcessBuilder(List.of(command)).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DataFetchException("`" + shown + "` did not finish within " + TIMEOUT.toMinutes()
                        + " minutes" + advice);
            }
            if (process.exitValue() != 0) {
                throw new DataFetchException("`" + shown + "` failed with exit code " + process.exitValue()
                        + advice + "; stderr ends with: " + tail(Files.readString(err, StandardCharsets.UTF_8)));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFetchException("cannot run `" + shown + "`: " + e.getMessage() + advice, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFetchException("interrupted while running `" + shown + "`", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.isEmpty() ? "(empty)" : t.length() <= STDERR_TAIL_CHARS ? t : "..." + t.substring(t.length() - STDERR_TAIL_CHARS);
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover log in a folder that is deleted anyway.
        }
    }
}
