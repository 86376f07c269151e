package io.sparkprune.bench;

import io.sparkprune.config.DatasetName;
import io.sparkprune.data.LabeledImages;

import java.util.Random;

/** Seeded random images of a dataset's geometry: throughput does not depend on what the pixels show. */
public final class RandomImages {
    private RandomImages() {
    }

    public static LabeledImages of(DatasetName name, int count, long seed) {
        Random rnd = new Random(seed);
        byte[] pixels = new byte[count * name.channels() * name.height() * name.width()];
        rnd.nextBytes(pixels);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % LabeledImages.NUM_CLASSES);
        }
        return LabeledImages.of(pixels, labels, name.channels(), name.height(), name.width());
    }
}
