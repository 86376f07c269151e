/**
 * Dataset reading: MNIST and Fashion-MNIST IDX files (raw or gzip), CIFAR-10 binary batches and
 * image folders (train/&lt;class&gt;/*.jpg|png, as a folder or .tar/.tar.gz), from a local path or any
 * Hadoop FileSystem URI, into compact {@link io.sparkprune.data.LabeledImages} that turn into DL4J
 * DataSets where they are used, scaled by {@link io.sparkprune.data.PixelScaling} and, for training
 * minibatches only, augmented (crop-flip, drawn per seed, epoch and image).
 *
 * <p>Entry point: {@link io.sparkprune.data.Datasets#load}. A {@code data.dir} without a scheme is
 * local; {@code data.train-limit}/{@code test-limit} take a deterministic class-balanced subset
 * (round-robin over classes in file order, see {@code BalancedSubset}). Every malformed or missing
 * file fails with a {@link io.sparkprune.data.DataFormatException} naming the file and the fix.
 * Fetching the files: {@link io.sparkprune.data.fetch.DatasetFetcher}; CIFAR-10 from JPEGs:
 * {@link io.sparkprune.data.CifarImport}.
 */
package io.sparkprune.data;
