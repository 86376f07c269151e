package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.results.CurvePoint;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** summary.json read back by the typed reader prune uses: what train wrote, and fields it does not know. */
class TrainSummaryTest {
    private static final RunConfig CFG = ConfigLoader.runConfig(ConfigLoader.load(null, List.of(
            "data.dir=/data/mnist", "regularizer.type=ssl", "regularizer.lambda=0.02", "prune.threshold=0.05",
            "train.epochs=2", "prune.finetune-epochs=1")));

    /** An image folder's run: its classes and geometry are in the config, its pixel scaling in the data block. */
    private static final RunConfig IMAGE_FOLDER = ConfigLoader.runConfig(ConfigLoader.load(null, List.of(
            "data.name=image-folder", "data.dir=/data/pets.tar.gz", "data.classes=[cat, dog, \"guinea pig\"]",
            "data.height=32", "data.width=24", "data.channels=3", "data.augment=crop-flip",
            "data.normalize=per-channel", "prune.threshold=0.05")));

    private static TrainSummary summary() {
        return summary(CFG, new DataSummary(60_000, 0, 10_000, List.of(0.1307), List.of(0.3081)));
    }

    private static TrainSummary summary(RunConfig cfg, DataSummary data) {
        Map<String, Integer> before = new LinkedHashMap<>(Map.of("conv0", 20));
        before.put("conv2", 50);
        Map<String, Integer> after = new LinkedHashMap<>(Map.of("conv0", 4));
        after.put("conv2", 11);
        return new TrainSummary(cfg, new CurvePoint(0.05, 0.991, 0.987, "20-50", "4-11", 431_080, 60_000,
                2_293_000, 200_000, 0.9895), before, after,
                List.of(new EpochReport(1, 2, 0.3, 0.01, 0.98, 10, 6000), new EpochReport(2, 2, 0.1, 0.02, 0.991, 9, 6500)),
                data);
    }

    @Test
    void whatTrainWritesReadsBackTyped() {
        TrainSummary read = TrainSummary.fromJson(summary().toJson());
        assertEquals(summary(), read);
        assertEquals(summary().headline(), read.headline());
    }

    @Test
    void anImageFolderRunReadsBackWithItsClassesAndPixelScaling() {
        TrainSummary written = summary(IMAGE_FOLDER, new DataSummary(400, 40, 48, List.of(0.49, 0.48, 0.45),
                List.of(0.25, 0.24, 0.26)));
        TrainSummary read = TrainSummary.fromJson(written.toJson());
        assertEquals(written, read);
        assertEquals(List.of("cat", "dog", "guinea pig"), read.config().data().classes());
        assertEquals(32, read.config().data().imageHeight());
        assertEquals(List.of(0.49, 0.48, 0.45), read.data().pixelMean());
    }

    @Test
    void aSummaryWrittenBeforeTheDataBlockReadsWithoutIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> old = json.readValue(summary().toJson(), Map.class);
        assertTrue(old.remove("data") != null, "train writes a data block");
        TrainSummary read = TrainSummary.fromJson(json.writeValueAsString(old));
        assertNull(read.data());
        assertEquals(summary(CFG, null), read);
    }

    @Test
    void fieldsAddedLaterAreSkipped() {
        String json = summary().toJson().replaceFirst("\\{", "{\n  \"run_record\" : {\"git_commit\" : \"abc\"},");
        assertTrue(json.contains("run_record"), json);
        assertEquals(summary(), TrainSummary.fromJson(json));
    }

    @Test
    void aFileThatIsNoSummaryIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainSummary.fromJson("[1, 2"));
        assertTrue(e.getMessage().contains(TrainSummary.FILE), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainSummary.fromJson("{\"accuracy_before_prune\": 0.9}"));
    }
}
