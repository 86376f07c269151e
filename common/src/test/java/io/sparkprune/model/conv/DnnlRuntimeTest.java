package io.sparkprune.model.conv;

import io.sparkprune.train.NativeThreads;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOpsHolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * oneDNN runs on the OpenMP runtime ND4J loaded (the profile shows its worker frames in ND4J's
 * libgomp), so the OpenMP thread count of the calling thread is what it uses.
 */
class DnnlRuntimeTest {

    @Test
    void followsTheNativeThreadLimitOfTheCallingThread() {
        assertTrue(DnnlRuntime.available());
        int before = NativeThreads.current();
        try {
            NativeThreads.limit(1); // a grid-parallel task: one core
            DnnlRuntime.stream();
            assertEquals(1, ompThreads());
            NativeThreads.limit(2); // a single training JVM on two cores
            DnnlRuntime.stream();
            assertEquals(2, ompThreads());
        } finally {
            NativeThreads.limit(before);
        }
    }

    @Test
    void canBeSwitchedOffForNewLayers() {
        System.setProperty(DnnlRuntime.DISABLE_PROPERTY, "false");
        try {
            assertFalse(DnnlRuntime.available());
        } finally {
            System.clearProperty(DnnlRuntime.DISABLE_PROPERTY);
        }
        assertTrue(DnnlRuntime.available());
    }

    private static int ompThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
