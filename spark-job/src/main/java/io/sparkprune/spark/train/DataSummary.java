package io.sparkprune.spark.train;

import io.sparkprune.data.PixelScaling;

import java.util.Arrays;
import java.util.List;

/**
 * What a train run read, as {@code summary.json}'s {@code data} block records it: how many images
 * it trained, validated ({@code data.validation}) and tested on, and how pixels became inputs ({@code data.normalize}: each channel's
 * mean and std of pixel / 255; 0 and 1 for the unit scaling). The class names are the config's
 * {@code data.classes}.
 */
public record DataSummary(int trainImages, int validationImages, int testImages, List<Double> pixelMean,
                          List<Double> pixelStd) {
    public DataSummary {
        pixelMean = List.copyOf(pixelMean);
        pixelStd = List.copyOf(pixelStd);
    }

    public static DataSummary of(int trainImages, int validationImages, int testImages, PixelScaling scaling) {
        return new DataSummary(trainImages, validationImages, testImages, Arrays.stream(scaling.mean()).boxed().toList(),
                Arrays.stream(scaling.std()).boxed().toList());
    }
}
