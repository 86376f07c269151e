package io.sparkprune.model.conv;

import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;

/** sparkprune's convolution helpers: DL4J's hook, plus leaving out the input gradient where nobody reads it. */
interface ConvolutionKernels extends ConvolutionHelper {
    /**
     * Whether backward passes compute the gradient of the layer's input (true until set); without it they
     * return null in its place.
     */
    void inputGradient(boolean needed);
}
