package io.sparkprune.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** Writes CIFAR-10 binary batches (1 label byte + 3072 CHW pixel bytes per record). */
public final class CifarWriter {
    private CifarWriter() {
    }

    /** One batch file holding all of {@code images} (3x32x32). */
    public static byte[] batchBytes(LabeledImages images) {
        if (images.channels() != 3 || images.height() != 32 || images.width() != 32) {
            throw new IllegalArgumentException("CIFAR-10 records are 3x32x32, got " + images);
        }
        ByteBuffer b = ByteBuffer.allocate(images.count() * CifarReader.RECORD_BYTES);
        for (int i = 0; i < images.count(); i++) {
            b.put((byte) images.label(i));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        b.put((byte) images.pixel(i, c, y, x));
                    }
                }
            }
        }
        return b.array();
    }

    /**
     * The split's batch files under their standard names: the training images cut into five
     * consecutive, nearly equal batches (at least five images), the test images in one.
     */
    public static void writeSplit(Path dir, Split split, LabeledImages images) {
        List<String> names = DatasetFiles.cifarBatches(split);
        if (images.count() < names.size()) {
            throw new IllegalArgumentException("need at least " + names.size() + " images, got " + images.count());
        }
        for (int k = 0; k < names.size(); k++) {
            int from = images.count() * k / names.size();
            int to = images.count() * (k + 1) / names.size();
            IdxWriter.write(dir.resolve(names.get(k)), batchBytes(images.slice(from, to)));
        }
    }
}
