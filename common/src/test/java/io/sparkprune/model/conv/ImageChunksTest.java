package io.sparkprune.model.conv;

import io.sparkprune.train.NativeThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageChunksTest {

    @ParameterizedTest
    @CsvSource({"64, 2", "7, 3", "5, 5", "1, 1", "0, 1"})
    void everyImageRunsOnceInContiguousChunksOnTheirOwnSlots(int images, int chunks) {
        AtomicIntegerArray visits = new AtomicIntegerArray(Math.max(images, 1));
        ConcurrentHashMap<Integer, int[]> ranges = new ConcurrentHashMap<>();
        ConcurrentHashMap<Integer, Thread> threads = new ConcurrentHashMap<>();
        ImageChunks.run(images, chunks, (slot, from, to) -> {
            ranges.put(slot, new int[]{from, to});
            threads.put(slot, Thread.currentThread());
            for (int i = from; i < to; i++) {
                visits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < images; i++) {
            assertEquals(1, visits.get(i), "image " + i);
        }
        assertEquals(chunks, ranges.size(), "one call per slot");
        for (int slot = 1; slot < chunks; slot++) {
            assertEquals(ranges.get(slot - 1)[1], ranges.get(slot)[0], "chunk " + slot + " follows its predecessor");
        }
        assertSame(Thread.currentThread(), threads.get(0), "the caller runs the first chunk");
    }

    @Test
    void chunkCountFollowsTheNativeThreadBudget() {
        int before = NativeThreads.current();
        try {
            NativeThreads.limit(1); // a grid-parallel task: one loop on its own thread
            assertEquals(1, ImageChunks.count(64));
            NativeThreads.limit(2);
            assertEquals(2, ImageChunks.count(64));
            assertEquals(1, ImageChunks.count(1), "never more chunks than images");
        } finally {
            NativeThreads.limit(before);
        }
    }

    @Test
    void aFailingChunkIsRaisedOnlyAfterEveryChunkFinished() throws Exception {
        CountDownLatch callerFailed = new CountDownLatch(1);
        AtomicBoolean otherFinished = new AtomicBoolean();
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> ImageChunks.run(4, 2, (slot, from, to) -> {
                    if (slot == 0) {
                        callerFailed.countDown();
                        throw new IllegalArgumentException("chunk 0");
                    }
                    try {
                        assertTrue(callerFailed.await(10, TimeUnit.SECONDS));
                        Thread.sleep(100); // still writing when the caller's chunk has failed
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    otherFinished.set(true);
                }));
        assertEquals("chunk 0", thrown.getMessage());
        assertTrue(otherFinished.get(), "run returned before the other chunk finished");
    }
}
