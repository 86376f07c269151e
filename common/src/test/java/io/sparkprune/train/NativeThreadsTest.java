package io.sparkprune.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

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

    @Test
    void aSavedBudgetComesBackWithItsOwnBlasThreads() {
        NativeThreads.Budget outside = NativeThreads.save();
        try {
            NativeThreads.limit(2);
            Nd4j.factory().blas().setMaxThreads(1);
            NativeThreads.Budget saved = NativeThreads.save();
            NativeThreads.limit(1);
            NativeThreads.limit(2);
            assertEquals(2, Nd4j.factory().blas().getMaxThreads(), "limit sets BLAS too");
            saved.restore();
            assertEquals(new NativeThreads.Budget(2, 1), NativeThreads.save());
        } finally {
            outside.restore();
        }
    }
}
