package io.sparkprune.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code regularizer.target}: parsed, defaulted, and refused where it cannot mean anything. */
class RegularizerTargetTest {

    private static RunConfig load(String... sets) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of(sets)));
    }

    private static String errorOf(String... sets) {
        return assertThrows(ConfigException.class, () -> load(sets)).getMessage();
    }

    @Test
    void defaultsToAutoAndReadsEveryValue() {
        assertEquals(RegularizerTarget.AUTO, load().regularizer().target());
        for (RegularizerTarget t : RegularizerTarget.values()) {
            RunConfig c = load("model.arch=vgg16", "data.name=cifar10", "regularizer.lambda=0.1",
                    "regularizer.target=" + t.configName());
            assertEquals(t, c.regularizer().target());
            assertEquals(t.configName(), c.toFlatMap().get("regularizer.target"));
            assertEquals(c, ConfigLoader.withOverrides(c, List.of()), "round-trips through the flat map");
        }
        assertTrue(errorOf("regularizer.target=gamma").contains("auto | weights | bn-scale"));
    }

    @Test
    void noneIgnoresTheTargetLikeItIgnoresLambda() {
        assertEquals(load("regularizer.type=none"), load("regularizer.type=none", "regularizer.target=weights"));
        // a penalty type at lambda 0 is none too, whatever its target (bn-scale on LeNet-5 included)
        assertEquals(load("regularizer.type=none"), load("regularizer.type=l1", "regularizer.lambda=0",
                "regularizer.target=weights"));
        assertEquals(load("regularizer.type=none"), load("model.arch=lenet5", "regularizer.target=bn-scale"));
    }

    @Test
    void bnScaleNeedsBatchNorm() {
        String msg = errorOf("model.arch=lenet5", "regularizer.lambda=0.1", "regularizer.target=bn-scale");
        assertTrue(msg.contains("regularizer.target") && msg.contains("lenet5") && msg.contains("use auto or weights"), msg);
        load("model.arch=lenet5", "regularizer.target=auto"); // auto on LeNet is the weights
    }

    @Test
    void channelGroupsDoNotExistOnBatchNormScales() {
        String msg = errorOf("model.arch=vgg16", "data.name=cifar10", "regularizer.type=l1l2", "regularizer.lambda=0.1",
                "regularizer.group=channel");
        assertTrue(msg.contains("regularizer.group") && msg.contains("target = weights"), msg);
        load("model.arch=vgg16", "data.name=cifar10", "regularizer.type=ssl", "regularizer.lambda=0.1",
                "regularizer.group=filter+channel", "regularizer.target=weights");
        load("model.arch=lenet5", "regularizer.type=l1l2", "regularizer.lambda=0.1", "regularizer.group=channel");
    }
}
