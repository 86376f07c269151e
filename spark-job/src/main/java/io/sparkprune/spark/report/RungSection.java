package io.sparkprune.spark.report;

import io.sparkprune.halving.HalvingSummary;

import java.util.List;
import java.util.Locale;

/** The report's section on a halving sweep's rungs: what each rung measured and stopped, and the epochs saved. */
final class RungSection {
    private RungSection() {
    }

    static void render(ReportDocument doc, HalvingSummary s) {
        doc.heading(2, "Successive halving");
        doc.paragraph(String.format(Locale.ROOT, "Rungs at %s epochs. The points trained %d epochs in all, %.0f%% of "
                        + "the %d a full grid trains (every point %d epochs). Stopped points keep the rows measured at "
                        + "their last rung (status stopped) and take no part in the selections below.", s.rungs(),
                s.epochsTrained(), 100 * s.fractionOfFullGrid(), s.fullGridEpochs(), s.rungs().get(s.rungs().size() - 1)));
        doc.table(List.of("rung", "epochs", "points measured", "stopped", "failed", "went on"), s.perRung().stream()
                .map(r -> List.of(String.valueOf(r.rung()), String.valueOf(r.epochs()), String.valueOf(r.measured()),
                        String.valueOf(r.stopped()), String.valueOf(r.failed()),
                        r.rung() == s.rungs().size() - 1 ? "(finished)" : String.valueOf(r.wentOn())))
                .toList());
        if (!s.stoppedPoints().isEmpty()) {
            doc.table(List.of("stopped point", "regularizer", "lambda", "replicate", "why"), s.stoppedPoints().stream()
                    .map(r -> List.of(r.pointId(), r.regularizer(), String.valueOf(r.lambda()), String.valueOf(r.replicate()), r.reason()))
                    .toList());
        }
    }
}
