package io.sparkprune.data;

import org.apache.hadoop.conf.Configuration;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code data import cifar10}: CIFAR-10 as an image folder of 32x32 colour images (e.g. the JPEG
 * re-encoding train/airplane/0000.jpg, ...) turned into the binary version's batch files, which
 * {@code data.name = cifar10} reads: 1 label byte + 1024 R + 1024 G + 1024 B bytes per record,
 * training images in data_batch_1..5.bin, test images in test_batch.bin. Records are in a fixed
 * shuffled order, as in the original, so every batch file holds every class.
 */
public final class CifarImport {
    /** CIFAR-10's classes in label order (also their sorted order). */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    private static final long ORDER_SEED = 10;

    private CifarImport() {
    }

    /** Reads the image folder {@code from} and writes the six batch files into {@code dir}; returns the counts. */
    public static int[] run(String from, Path dir, Configuration conf) {
        LabeledImages train = read(from, Split.TRAIN, conf);
        LabeledImages test = read(from, Split.TEST, conf);
        List<String> names = DatasetFiles.cifarBatches(Split.TRAIN);
        for (String name : Stream.concat(names.stream(), DatasetFiles.cifarBatches(Split.TEST).stream()).toList()) {
            if (Files.exists(dir.resolve(name))) {
                throw new DataFormatException(dir.resolve(name) + ": already exists; import into an empty folder"
                        + " (or delete the old batch files first)");
            }
        }
        Path work = createWorkDir(dir);
        try {
            int per = (train.count() + names.size() - 1) / names.size();
            for (int b = 0; b < names.size(); b++) {
                write(train, Math.min(train.count(), b * per), Math.min(train.count(), (b + 1) * per),
                        work.resolve(names.get(b)));
            }
            String testName = DatasetFiles.cifarBatches(Split.TEST).get(0);
            write(test, 0, test.count(), work.resolve(testName));
            // test_batch.bin last: until it is there, the folder does not read as a dataset.
            for (String name : names) {
                move(work.resolve(name), dir.resolve(name));
            }
            move(work.resolve(testName), dir.resolve(testName));
        } finally {
            WorkFolders.deleteTree(work);
        }
        return new int[] {train.count(), test.count()};
    }

    private static LabeledImages read(String from, Split split, Configuration conf) {
        ImageSplit listing = ImageFolderSource.list(from, split, conf);
        List<String> found = listing.classNames();
        if (split == Split.TRAIN ? !found.equals(CLASSES) : !CLASSES.containsAll(found)) {
            throw DataFormatException.inFile(from, "not CIFAR-10: " + ImageSplit.folderName(split)
                    + "/ has class folders " + found + ", expected " + CLASSES);
        }
        LabeledImages images = ImageFolderReader.decode(listing.entries(), CLASSES, CifarReader.SIDE,
                CifarReader.SIDE, CifarReader.CHANNELS, "CIFAR-10's height x width");
        return Shuffling.shuffled(images, ORDER_SEED);
    }

    private static void write(LabeledImages images, int from, int to, Path file) {
        byte[] record = new byte[CifarReader.RECORD_BYTES];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = from; i < to; i++) {
                record[0] = (byte) images.label(i);
                int at = 1;
                for (int c = 0; c < CifarReader.CHANNELS; c++) {
                    for (int y = 0; y < CifarReader.SIDE; y++) {
                        for (int x = 0; x < CifarReader.SIDE; x++) {
                            record[at++] = (byte) images.pixel(i, c, y, x);
                        }
                    }
                }
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Path createWorkDir(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, ".import-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder in " + dir, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }
}
