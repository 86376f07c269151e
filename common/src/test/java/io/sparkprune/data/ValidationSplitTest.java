package io.sparkprune.data;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.DataConfig;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.Normalization;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** data.validation holds images out of training: class-balanced, the same every time, never trained on. */
class ValidationSplitTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private DataConfig config(int trainLimit, int validation, Normalization normalize) {
        DataConfig plain = new DataConfig(DatasetName.CIFAR10, dir.toString(), trainLimit, 0);
        return new DataConfig(plain.name(), plain.dir(), trainLimit, 0, validation, 0, 0, 0, List.of(),
                plain.augment(), normalize);
    }

    /** Every image distinct (its index in its pixels), so sets of images can be compared. */
    private void write(int train) {
        CifarWriter.writeSplit(dir, Split.TRAIN, SyntheticImages.cycling(train, 3, 32, 32, 7));
        CifarWriter.writeSplit(dir, Split.TEST, SyntheticImages.cycling(20, 3, 32, 32, 8));
    }

    private static Set<String> images(LabeledImages images) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < images.count(); i++) {
            s.add(Arrays.toString(images.toDataSet(i, i + 1).getFeatures().ravel().toFloatVector()) + images.label(i));
        }
        return s;
    }

    @Test
    void heldOutImagesAreClassBalancedDisjointFromTrainingAndTheSameEachTime() {
        write(300);
        DataSplits a = Datasets.splits(config(0, 45, Normalization.UNIT), CONF);
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 4, 4, 4, 4, 4}, a.validation().classCounts());
        assertEquals(255, a.train().count());
        Set<String> train = images(a.train());
        Set<String> validation = images(a.validation());
        assertEquals(45, validation.size());
        assertTrue(validation.stream().noneMatch(train::contains), "a validation image is also trained on");
        DataSplits b = Datasets.splits(config(0, 45, Normalization.UNIT), CONF);
        assertEquals(validation, images(b.validation()), "the same files give the same validation images");
        assertEquals(a.train().toDataSet(), Datasets.load(config(0, 45, Normalization.UNIT), Split.TRAIN, CONF).toDataSet(),
                "load's training split leaves the validation images out too");
        // Not simply the first images of each class: a seeded draw over the whole file.
        assertNotEquals(images(Datasets.splits(config(45, 0, Normalization.UNIT), CONF).train()), validation);
    }

    @Test
    void theTrainLimitAppliesToWhatIsLeftAndStatisticsComeFromTrainingImagesOnly() {
        write(300);
        DataSplits s = Datasets.splits(config(100, 45, Normalization.PER_CHANNEL), CONF);
        assertEquals(100, s.train().count());
        assertEquals(45, s.validation().count());
        assertTrue(images(s.validation()).stream().noneMatch(images(s.train())::contains));
        assertEquals(PixelScaling.perChannel(s.train().withScaling(PixelScaling.unit(3))), s.train().scaling());
        assertEquals(s.train().scaling(), s.validation().scaling());
        assertEquals(s.train().scaling(), s.test().scaling());
    }

    @Test
    void withoutAValidationSplitNothingIsHeldOut() {
        write(60);
        DataSplits s = Datasets.splits(config(0, 0, Normalization.UNIT), CONF);
        assertFalse(s.hasValidation());
        assertEquals(60, s.train().count());
    }

    @Test
    void holdingOutEveryImageIsRefusedWithTheKeyAndTheCount() {
        write(40);
        String msg = assertThrows(ConfigException.class,
                () -> Datasets.splits(config(0, 40, Normalization.UNIT), CONF)).getMessage();
        assertTrue(msg.contains("data.validation") && msg.contains("40 training images"), msg);
    }
}
