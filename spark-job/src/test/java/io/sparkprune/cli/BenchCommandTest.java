package io.sparkprune.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench command's contract (figures are measured, so only their presence and sanity are checked). */
class BenchCommandTest {

    @Test
    void pruningSuiteEndsWithOneJsonLineOfFigures(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CliResult r = CliResult.run("bench", "--suite", "pruning", "--quick", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        String last = lines.get(lines.size() - 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = new ObjectMapper().readValue(last, Map.class);
        assertEquals(figures, new ObjectMapper().readValue(Files.readString(json), Map.class), "--json holds the same");
        // LeNet-5 keeping 5 and 12 filters does about a ninth of the multiply-adds
        double flops = number(figures, "pruned_flop_reduction");
        assertEquals(8.5, flops, 0.5);
        // At batch 256 the work dominates: a pruned copy that was not really smaller would measure ~1x
        // (README: 5.6x). Batch 1 is dominated by per-op overheads, so it only has to be a real ratio.
        double speedup = number(figures, "pruned_inference_speedup");
        assertTrue(speedup > 1.5, "pruned inference speedup " + speedup + " in " + last);
        double batch1 = number(figures, "pruned_inference_speedup_batch1");
        assertTrue(Double.isFinite(batch1) && batch1 > 0, last);
        assertEquals(speedup / flops, number(figures, "speedup_vs_flop_reduction"), 0.002, "the ratio of the two figures");
    }

    @Test
    void fullWidthSuiteMeasuresThePapersVggPerCoreAndItsDataParallelEfficiency() throws Exception {
        CliResult r = CliResult.run("bench", "--suite", "full-width", "--quick");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = new ObjectMapper().readValue(lines.get(lines.size() - 1), Map.class);
        assertEquals(15.0e6, number(figures, "vgg_full_params"), 0.3e6, "the paper's VGG-16-BN, width 1.0");
        double ms = number(figures, "vgg_full_ms_per_sample_1core");
        assertTrue(ms > 0 && Double.isFinite(ms), figures.toString());
        assertEquals(ms * 50_000 / 3.6e6, number(figures, "vgg_full_epoch_hours_1core"), 1e-3 * ms, "derived from the cost");
        double efficiency = number(figures, "vgg_full_parallel_efficiency");
        assertTrue(efficiency > 0 && efficiency < 2, "parallel efficiency " + efficiency);
    }

    private static double number(Map<String, Object> figures, String key) {
        return ((Number) figures.get(key)).doubleValue();
    }

    @Test
    void unknownSuiteIsAUsageError() {
        CliResult r = CliResult.run("bench", "--suite", "everything");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--suite"), r.err());
    }

    @Test
    void peerSuiteWithoutThePeerBuildSaysHowToBuildIt() {
        CliResult r = CliResult.run("bench", "--suite", "peer", "--quick");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("-Ppeer"), r.err());
        assertTrue(r.out().isBlank(), "nothing measured: " + r.out());
    }
}
