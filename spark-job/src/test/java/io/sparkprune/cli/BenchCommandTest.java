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
        for (String key : List.of("pruned_flop_reduction", "pruned_inference_speedup", "pruned_inference_speedup_batch1",
                "speedup_vs_flop_reduction")) {
            assertTrue(((Number) figures.get(key)).doubleValue() > 0, key + " in " + last);
        }
        // LeNet-5 keeping 5 and 12 filters does about a ninth of the multiply-adds
        assertEquals(8.5, ((Number) figures.get("pruned_flop_reduction")).doubleValue(), 0.5);
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
