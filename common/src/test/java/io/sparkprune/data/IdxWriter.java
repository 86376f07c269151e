package io.sparkprune.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX (MNIST format) files, well-formed or not: tests build broken files from the
 * well-formed bytes, and the Spark tests write the files to HDFS from {@link #splitFiles}.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** An image file: magic 2051, count, rows, columns, then the pixels of one-channel images. */
    public static byte[] imagesBytes(LabeledImages images) {
        if (images.channels() != 1) {
            throw new IllegalArgumentException("IDX holds one-channel images, got " + images.channels());
        }
        ByteBuffer b = ByteBuffer.allocate(16 + images.count() * images.pixelsPerImage());
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(images.count()).putInt(images.height()).putInt(images.width());
        for (int i = 0; i < images.count(); i++) {
            for (int y = 0; y < images.height(); y++) {
                for (int x = 0; x < images.width(); x++) {
                    b.put((byte) images.pixel(i, 0, y, x));
                }
            }
        }
        return b.array();
    }

    /** A label file: magic 2049, count, then one byte per label. */
    public static byte[] labelsBytes(LabeledImages images) {
        ByteBuffer b = ByteBuffer.allocate(8 + images.count());
        b.putInt(IdxReader.LABELS_MAGIC).putInt(images.count());
        for (int i = 0; i < images.count(); i++) {
            b.put((byte) images.label(i));
        }
        return b.array();
    }

    /** The two files of a split under their standard names (with .gz when {@code gzip}). */
    public static Map<String, byte[]> splitFiles(Split split, LabeledImages images, boolean gzip) {
        String suffix = gzip ? ".gz" : "";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(DatasetFiles.idxImages(split) + suffix, gzip ? gzip(imagesBytes(images)) : imagesBytes(images));
        files.put(DatasetFiles.idxLabels(split) + suffix, gzip ? gzip(labelsBytes(images)) : labelsBytes(images));
        return files;
    }

    /** Writes {@link #splitFiles} into a local directory. */
    public static void writeSplit(Path dir, Split split, LabeledImages images, boolean gzip) {
        splitFiles(split, images, gzip).forEach((name, bytes) -> write(dir.resolve(name), bytes));
    }

    /** The same bytes with a big-endian int replaced (e.g. offset 0 = magic, 4 = count). */
    public static byte[] withInt(byte[] file, int offset, int value) {
        byte[] copy = file.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
