package io.sparkprune.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NativeThreadsTest {

    @Test
    void limitsAndRestoresTheNativeThreadCount() {
        int before = NativeThreads.current();
        try {
            NativeThreads.limit(1);
            assertEquals(1, NativeThreads.current());
        } finally {
            NativeThreads.limit(before);
        }
        assertEquals(before, NativeThreads.current());
        assertThrows(IllegalArgumentException.class, () -> NativeThreads.limit(0));
    }
}
