package io.sparkprune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The hidden work folders in which imports and fetches stage files before moving them into place. */
public final class WorkFolders {
    private WorkFolders() {
    }

    /** Deletes a folder tree; best effort, as it only ever holds temporary files. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftovers in a hidden work folder do no harm; the next run makes a new one.
        }
    }
}
