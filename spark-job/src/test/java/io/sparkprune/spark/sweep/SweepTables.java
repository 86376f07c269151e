package io.sparkprune.spark.sweep;

import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.sparkprune.results.SweepResults.RESULTS_CSV;

/** What tests compare between a sweep's table and another run's. */
public final class SweepTables {
    private SweepTables() {
    }

    /** The rows of {@code out}'s results.csv without their train_seconds (wall time, the only value that may differ between runs). */
    public static List<ResultRecord> withoutTimes(Path out) throws IOException {
        return ResultsCsv.read(Files.readString(out.resolve(RESULTS_CSV))).stream()
                .map(ResultRecord::withoutTrainSeconds).toList();
    }

    /** results.csv's header line. */
    public static String header(Path out) throws IOException {
        return Files.readAllLines(out.resolve(RESULTS_CSV)).get(0);
    }
}
