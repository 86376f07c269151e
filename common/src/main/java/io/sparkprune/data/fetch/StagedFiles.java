package io.sparkprune.data.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finding and cleaning up what sources download into their work folder. */
final class StagedFiles {
    private StagedFiles() {
    }

    /** The one file with {@code suffix} that {@code producer} left in {@code dir}. */
    static Path single(Path dir, String suffix, String producer) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new DataFetchException("`" + producer + "` should leave one " + suffix + " file in " + dir
                        + ", found " + found.size());
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
