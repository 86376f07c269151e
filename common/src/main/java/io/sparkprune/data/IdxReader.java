package io.sparkprune.data;

/**
 * Reads MNIST-style IDX files (raw or gzip): an image file (magic 2051, then count, rows,
 * columns as big-endian ints, then count*rows*columns unsigned bytes) and its label file
 * (magic 2049, then count, then count label bytes). Checks everything the pair promises:
 * magic numbers, image size, equal counts, exact lengths, labels 0..9.
 */
final class IdxReader {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;
    /** Largest payload a Java array can hold; a bigger declared size means a corrupt header. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private IdxReader() {
    }

    /** The image/label pair as one-channel images of {@code height x width}. */
    static LabeledImages read(DataFile imageFile, DataFile labelFile, int height, int width) {
        byte[] pixels = readImages(imageFile, height, width);
        byte[] labels = readLabels(labelFile);
        int imageCount = pixels.length / (height * width);
        if (imageCount != labels.length) {
            throw new DataFormatException("size mismatch: " + imageFile + " holds " + imageCount + " images but "
                    + labelFile + " holds " + labels.length + " labels (files from different sets or versions:"
                    + " fetch both again)");
        }
        return LabeledImages.wrap(pixels, labels, LabeledImages.NUM_CLASSES, 1, height, width);
    }

    private static byte[] readImages(DataFile file, int height, int width) {
        try (RecordInput in = file.open()) {
            checkMagic(in, IMAGES_MAGIC, "an IDX image file");
            int count = in.readInt("the image count");
            int rows = in.readInt("the row count");
            int cols = in.readInt("the column count");
            if (rows != height || cols != width) {
                throw DataFormatException.inFile(file, "header/size mismatch: images are " + rows + "x" + cols
                        + " but this dataset's are " + height + "x" + width + " (wrong dataset for data.name?)");
            }
            byte[] pixels = allocate(in, count, (long) rows * cols, IMAGES_HEADER_BYTES, "images");
            in.readFully(pixels, 0, pixels.length, "the pixels of " + count + " images");
            in.expectEnd("the header's " + count + " images of " + rows + "x" + cols);
            return pixels;
        }
    }

    private static byte[] readLabels(DataFile file) {
        try (RecordInput in = file.open()) {
            checkMagic(in, LABELS_MAGIC, "an IDX label file");
            int count = in.readInt("the label count");
            byte[] labels = allocate(in, count, 1, LABELS_HEADER_BYTES, "labels");
            in.readFully(labels, 0, labels.length, count + " labels");
            in.expectEnd("the header's " + count + " labels");
            for (int i = 0; i < labels.length; i++) {
                if ((labels[i] & 0xFF) >= LabeledImages.NUM_CLASSES) {
                    throw DataFormatException.inFile(file, "label out of range: label " + (labels[i] & 0xFF)
                            + " at index " + i + ", expected 0..9 (not a 10-class label file)");
                }
            }
            return labels;
        }
    }

    private static void checkMagic(RecordInput in, int expected, String kind) {
        int magic = in.readInt("the magic number");
        if (magic != expected) {
            String guess = magic == IMAGES_MAGIC ? " (that is an image file: images and labels swapped?)"
                    : magic == LABELS_MAGIC ? " (that is a label file: images and labels swapped?)"
                    : " (not an IDX file, or a compressed file that is not gzip)";
            throw DataFormatException.inFile(in.file(), "wrong magic number " + magic + ", expected " + expected
                    + " for " + kind + guess);
        }
    }

    /**
     * The buffer for {@code count} records of {@code recordBytes}; checks a raw file's length
     * first, so a corrupt header fails with the sizes instead of a huge allocation.
     */
    private static byte[] allocate(RecordInput in, int count, long recordBytes, int headerBytes, String what) {
        long payload = count * recordBytes;
        if (count <= 0 || payload > MAX_BYTES) {
            throw DataFormatException.inFile(in.file(), "header/size mismatch: header declares " + count + " " + what
                    + ", expected between 1 and " + MAX_BYTES / recordBytes);
        }
        DataFile file = in.file();
        if (!file.isGzip()) {
            long stored = file.storedLength();
            long expected = headerBytes + payload;
            if (stored < expected) {
                throw in.truncated("the " + count + " " + what + " its header declares", stored, expected);
            }
        }
        return new byte[(int) payload];
    }
}
