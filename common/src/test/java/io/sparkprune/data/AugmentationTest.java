package io.sparkprune.data;

import io.sparkprune.config.Augmentation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** crop-flip: each output is a padded crop (or its mirror) of its image, seeded per (seed, epoch, image). */
class AugmentationTest {
    private static final LabeledImages IMAGES = PatternImages.of(64, 3, 32, 32, 11)
            .withAugmentation(Augmentation.CROP_FLIP);

    private static int[] identity(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    @Test
    void everyAugmentedImageIsAShiftedOrMirroredCopyWithBlackPadding() {
        DataSet batch = IMAGES.trainingBatch(identity(64), 0, 64, 7, 0);
        float[] f = batch.getFeatures().dup().data().asFloat();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            String found = null;
            for (int dy = -CropFlip.PAD; dy <= CropFlip.PAD && found == null; dy++) {
                for (int dx = -CropFlip.PAD; dx <= CropFlip.PAD && found == null; dx++) {
                    for (boolean flip : new boolean[] {false, true}) {
                        if (matches(f, i, dy, dx, flip)) {
                            found = dy + "," + dx + "," + flip;
                            break;
                        }
                    }
                }
            }
            assertTrue(found != null, "image " + i + " is no crop-flip of its source");
            seen.add(found);
        }
        assertTrue(seen.size() > 20, "offsets and flips vary from image to image: " + seen);
        assertTrue(seen.stream().anyMatch(s -> s.endsWith("true")) && seen.stream().anyMatch(s -> s.endsWith("false")));
    }

    private static boolean matches(float[] f, int i, int dy, int dx, boolean flip) {
        int ppi = 3 * 32 * 32;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int sy = y + dy;
                    int sx = (flip ? 31 - x : x) + dx;
                    int expected = sy >= 0 && sy < 32 && sx >= 0 && sx < 32 ? IMAGES.pixel(i, c, sy, sx) : 0;
                    if (f[i * ppi + (c * 32 + y) * 32 + x] != expected / 255f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void drawsDependOnSeedEpochAndImageOnlyNotOnTheBatch() {
        int[] order = Shuffling.order(64, 3);
        DataSet whole = IMAGES.trainingBatch(order, 0, 64, 5, 2);
        // The same images in other batches, in another order: each image is augmented the same way.
        for (int from = 0; from < 64; from += 10) {
            DataSet part = IMAGES.trainingBatch(order, from, Math.min(64, from + 10), 5, 2);
            for (int i = 0; i < part.numExamples(); i++) {
                assertEquals(whole.get(from + i).getFeatures(), part.get(i).getFeatures());
            }
        }
        assertEquals(whole, IMAGES.trainingBatch(order, 0, 64, 5, 2), "repeatable");
        assertNotEquals(whole.getFeatures(), IMAGES.trainingBatch(order, 0, 64, 5, 3).getFeatures(), "new each epoch");
        assertNotEquals(whole.getFeatures(), IMAGES.trainingBatch(order, 0, 64, 6, 2).getFeatures(), "seeded");
        assertEquals(whole.getLabels(), IMAGES.trainingBatch(order, 0, 64, 6, 3).getLabels(), "labels never change");
    }

    @Test
    void unaugmentedViewsNeverAugment() {
        LabeledImages plain = PatternImages.of(64, 3, 32, 32, 11);
        int[] order = identity(64);
        assertEquals(plain.toDataSet(), IMAGES.toDataSet(), "toDataSet (test, statistics) never augments");
        assertEquals(plain.toDataSet(), plain.trainingBatch(order, 0, 64, 5, 1), "augment = none");
        assertNotEquals(plain.toDataSet().getFeatures(), IMAGES.trainingBatch(order, 0, 64, 5, 1).getFeatures());
    }
}
