package io.sparkprune.data;

/**
 * The random choices of one epoch's augmentation, a pure function of (seed, epoch, image index):
 * no generator state is carried from image to image, so a sample is augmented the same way
 * whichever JVM, partition or minibatch it lands in.
 */
final class AugmentationDraws {
    private final long epochSeed;

    AugmentationDraws(long seed, int epoch) {
        this.epochSeed = mix(seed * 0x9E3779B97F4A7C15L + epoch);
    }

    /** 64 random bits for image {@code index}. */
    long draw(int index) {
        return mix(epochSeed ^ (index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
    }

    /** SplitMix64's finaliser: every input bit flips about half of the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
