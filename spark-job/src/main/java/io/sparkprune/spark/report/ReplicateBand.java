package io.sparkprune.spark.report;

import io.sparkprune.results.Estimate;
import io.sparkprune.results.ResultRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * A setting's accuracy-vs-size curve over its replicates: at each of up to {@code bins} sizes
 * (spread over the sizes its models reach, from where every replicate has a model), per replicate the best accuracy of a model no larger,
 * then the mean and 95% interval over replicates. Replicates prune to different sizes, so their
 * curves are compared as these "best at most this size" step functions.
 */
record ReplicateBand(List<Point> points) {
    /** One size and the accuracy estimate there. */
    record Point(double size, Estimate accuracy) {
    }

    /** Empty with fewer than two replicates: no interval to draw. */
    static ReplicateBand of(List<ResultRecord> settingRows, ToDoubleFunction<ResultRecord> size,
                            ToDoubleFunction<ResultRecord> accuracy, int bins) {
        Map<Integer, List<ResultRecord>> byReplicate = settingRows.stream()
                .collect(Collectors.groupingBy(ResultRecord::replicate, TreeMap::new, Collectors.toList()));
        List<Point> points = new ArrayList<>();
        if (byReplicate.size() < 2) {
            return new ReplicateBand(points);
        }
        // from the size at which every replicate has a model: below it there is no mean over all of them
        double from = byReplicate.values().stream().mapToDouble(rs -> rs.stream().mapToDouble(size).min()
                .orElseThrow()).max().orElseThrow();
        double[] sizes = settingRows.stream().mapToDouble(size).filter(x -> x >= from).distinct().sorted().toArray();
        int n = Math.min(bins, sizes.length);
        double previous = Double.NaN;
        for (int i = 0; i < n; i++) {
            double x = sizes[n == 1 ? 0 : (int) Math.round((double) i * (sizes.length - 1) / (n - 1))];
            if (x == previous) {
                continue;
            }
            previous = x;
            double[] best = byReplicate.values().stream().mapToDouble(rs -> rs.stream()
                    .filter(r -> size.applyAsDouble(r) <= x).mapToDouble(accuracy).max().orElse(Double.NaN)).toArray();
            if (Arrays.stream(best).noneMatch(Double::isNaN)) { // every replicate has a model this small
                points.add(new Point(x, Estimate.of(best)));
            }
        }
        return new ReplicateBand(points);
    }
}
