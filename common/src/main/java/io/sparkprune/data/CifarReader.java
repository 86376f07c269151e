package io.sparkprune.data;

import java.util.List;

/**
 * Reads CIFAR-10 binary batches: records of one label byte followed by 3072 pixel bytes
 * (1024 red, 1024 green, 1024 blue, each row-major 32x32), which is already the
 * channel-height-width order {@link LabeledImages} keeps, so pixels are copied as they are.
 */
final class CifarReader {
    static final int CHANNELS = 3;
    static final int SIDE = 32;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;

    private CifarReader() {
    }

    /** All records of the given batch files, in file order. */
    static LabeledImages read(List<DataFile> files) {
        long total = 0;
        int[] counts = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            counts[i] = recordCount(files.get(i));
            total += counts[i];
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(total + " CIFAR records in " + files + " are more than one array can hold");
        }
        byte[] pixels = new byte[(int) total * IMAGE_BYTES];
        byte[] labels = new byte[(int) total];
        int at = 0;
        for (int i = 0; i < files.size(); i++) {
            readRecords(files.get(i), counts[i], pixels, labels, at);
            at += counts[i];
        }
        return LabeledImages.wrap(pixels, labels, LabeledImages.NUM_CLASSES, CHANNELS, SIDE, SIDE);
    }

    private static int recordCount(DataFile file) {
        if (file.isGzip()) {
            throw DataFormatException.inFile(file, "is gzip-compressed; CIFAR-10 batches are read as the plain"
                    + " .bin files of the binary version (extract cifar-10-binary.tar.gz and point data.dir at"
                    + " cifar-10-batches-bin)");
        }
        long length = file.storedLength();
        if (length == 0 || length % RECORD_BYTES != 0) {
            throw DataFormatException.inFile(file, "bad size: " + length + " bytes is not a positive multiple of "
                    + RECORD_BYTES + " (1 label + 3072 pixel bytes per record): truncated, or not the CIFAR-10"
                    + " binary version (the Python and MATLAB versions cannot be read)");
        }
        return (int) (length / RECORD_BYTES);
    }

    /** {@code count} comes from the file's size, so the records fill it exactly. */
    private static void readRecords(DataFile file, int count, byte[] pixels, byte[] labels, int at) {
        byte[] label = new byte[1];
        try (RecordInput in = file.open()) {
            for (int r = 0; r < count; r++) {
                in.readFully(label, 0, 1, "the label of record " + r);
                int value = label[0] & 0xFF;
                if (value >= LabeledImages.NUM_CLASSES) {
                    throw DataFormatException.inFile(file, "label out of range: label " + value + " in record " + r
                            + " (byte " + (long) r * RECORD_BYTES + "), expected 0..9 (CIFAR-100 or a corrupt file?)");
                }
                labels[at + r] = label[0];
                in.readFully(pixels, (at + r) * IMAGE_BYTES, IMAGE_BYTES, "the pixels of record " + r);
            }
        }
    }
}
