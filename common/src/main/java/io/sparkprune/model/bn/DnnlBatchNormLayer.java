package io.sparkprune.model.bn;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import static io.sparkprune.model.conv.DnnlArrays.plainC;
import static io.sparkprune.model.conv.DnnlArrays.pointer;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.BETA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GAMMA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_LOG_STD;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_MEAN;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_VAR;

/**
 * DL4J's batch-norm runtime layer with its oneDNN helper ({@link DnnlBatchNormHelper}) called
 * directly in training. DL4J's layer, around the helper, converts the running log10 std to a
 * variance on every forward pass (training does not read it) and, after every backward pass, moves
 * the running statistics with eleven ND4J ops over a channel vector; on VGG-16 these ~180 tiny
 * native calls per step cost more than their arithmetic. Here the update is one Java loop over the
 * channels with DL4J's formulas (see {@link #runningStatisticsSteps}). Inference, and anything the
 * helper hands back (NHWC, doubles, rank-2 input), runs DL4J's code with the same helper.
 */
final class DnnlBatchNormLayer extends BatchNormalization {
    /** DL4J's runtime layer keeps its helper in a package-private field, set from the class name of a CUDA/MKL-DNN build. */
    private static final VarHandle HELPER_FIELD = helperField();
    /** log10(v) / 2 = ln(v) * this, DL4J's constant. */
    private static final double ONE_ON_2LOGE_10 = 1.0 / (2.0 * Math.log(10.0));

    private final DnnlBatchNormHelper oneDnn = new DnnlBatchNormHelper();
    /** Running-statistics updates done here rather than by DL4J's code: tests check they move. */
    long statisticsSteps;

    DnnlBatchNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        HELPER_FIELD.set(this, oneDnn);
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr mgr) {
        var conf = layerConf();
        if (training == TrainingMode.TRAIN && x.rank() == 4 && x.size(1) == conf.getNOut()) {
            INDArray y = oneDnn.preOutput(x, true, null, getParam(GAMMA), getParam(BETA), null, null,
                    conf.getDecay(), conf.getEps(), conf.getCnn2DFormat(), mgr);
            if (y != null) {
                return y;
            }
        }
        return super.preOutput(x, training, mgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        var conf = layerConf();
        INDArray runningVar = getParam(conf.isUseLogStd() ? GLOBAL_LOG_STD : GLOBAL_VAR);
        INDArray dRunningVar = gradientViews.get(conf.isUseLogStd() ? GLOBAL_LOG_STD : GLOBAL_VAR);
        INDArray runningMean = getParam(GLOBAL_MEAN);
        INDArray dRunningMean = gradientViews.get(GLOBAL_MEAN);
        if (input.rank() == 4 && plainC(runningMean) && plainC(runningVar) && plainC(dRunningMean)
                && plainC(dRunningVar)) {
            Pair<Gradient, INDArray> ret = oneDnn.backpropGradient(input, epsilon, null, getParam(GAMMA),
                    getParam(BETA), gradientViews.get(GAMMA), gradientViews.get(BETA), conf.getEps(),
                    conf.getCnn2DFormat(), mgr);
            if (ret != null) {
                runningStatisticsSteps(runningMean, runningVar, dRunningMean, dRunningVar);
                statisticsSteps++;
                ret.getFirst().setGradientFor(GLOBAL_MEAN, dRunningMean);
                ret.getFirst().setGradientFor(conf.isUseLogStd() ? GLOBAL_LOG_STD : GLOBAL_VAR, dRunningVar);
                return ret;
            }
        }
        return super.backpropGradient(epsilon, mgr);
    }

    /**
     * DL4J's "distributed safe" running statistics: the updater subtracts these "gradients", so
     * mean[t+1] = mean[t] - (1 - decay) (mean[t] - batchMean), the same for the variance, and for
     * the log10 std parameterisation the step log10(var[t] / var[t+1]) / 2 with
     * var[t+1] = decay var[t] + (1 - decay) batchVar. Float arithmetic, as DL4J's ND4J ops do it.
     */
    private void runningStatisticsSteps(INDArray runningMean, INDArray runningVar, INDArray dRunningMean,
                                        INDArray dRunningVar) {
        var conf = layerConf();
        float decay = (float) conf.getDecay();
        float keep = (float) (1 - conf.getDecay());
        float[] mean = read(runningMean);
        float[] var = read(runningVar);
        float[] batchMean = read(oneDnn.batchMean());
        float[] batchVar = read(oneDnn.batchVar());
        float[] dMean = new float[mean.length];
        float[] dVar = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            dMean[c] = (mean[c] - batchMean[c]) * keep;
            if (conf.isUseLogStd()) {
                float std = (float) Math.pow(10.0, var[c]);
                float now = std * std;
                float next = now * decay + batchVar[c] * keep;
                dVar[c] = (float) (Math.log(now / next) * ONE_ON_2LOGE_10);
            } else {
                dVar[c] = (var[c] - batchVar[c]) * keep;
            }
        }
        new FloatPointer(pointer(dRunningMean)).put(dMean);
        new FloatPointer(pointer(dRunningVar)).put(dVar);
    }

    private static float[] read(INDArray a) {
        float[] values = new float[(int) a.length()];
        new FloatPointer(pointer(a)).get(values);
        return values;
    }

    private static VarHandle helperField() {
        try {
            Class<?> runtime = BatchNormalization.class;
            return MethodHandles.privateLookupIn(runtime, MethodHandles.lookup())
                    .findVarHandle(runtime, "helper", BatchNormalizationHelper.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's BatchNormalization has no helper field: check the DL4J version", e);
        }
    }
}
