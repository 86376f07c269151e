package io.sparkprune.data;

import java.io.Serializable;

/**
 * What a run reads: the training images (scaled, augmented as {@code data.augment} says), the
 * validation images held out of the training files by {@code data.validation} (none when it is 0)
 * and the test images, both scaled like the training images and never augmented. Serializable:
 * grid-parallel sweeps broadcast it.
 */
public record DataSplits(LabeledImages train, LabeledImages validation, LabeledImages test) implements Serializable {
    /** Training and test images without a validation split. */
    public static DataSplits of(LabeledImages train, LabeledImages test) {
        return new DataSplits(train, train.select(new int[0]), test);
    }

    public boolean hasValidation() {
        return validation.count() > 0;
    }
}
