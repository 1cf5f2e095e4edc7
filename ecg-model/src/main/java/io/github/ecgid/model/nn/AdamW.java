package io.github.ecgid.model.nn;

/**
 * AdamW exactly as PyTorch's {@code torch.optim.AdamW} (non-amsgrad): decoupled weight decay
 * {@code p -= lr * wd * p}, then the bias-corrected Adam step {@code p -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps)}.
 */
final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double[] m;
    private final double[] v;
    private int step;

    AdamW(int size, double beta1, double beta2, double eps, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new double[size];
        this.v = new double[size];
    }

    void step(double[] params, double[] grad, double lr) {
        step++;
        double bc1 = 1 - StrictMath.pow(beta1, step);
        double sqrtBc2 = Math.sqrt(1 - StrictMath.pow(beta2, step));
        double stepSize = lr / bc1;
        double decay = 1 - lr * weightDecay;
        for (int i = 0; i < m.length; i++) {
            double g = grad[i];
            params[i] *= decay;
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            params[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / sqrtBc2 + eps);
        }
    }

    /** PyTorch's {@code clip_grad_norm_}: scales the gradient by {@code max / (norm + 1e-6)} when that is < 1. */
    static double clipGradientNorm(double[] grad, int size, double maxNorm) {
        double ss = 0;
        for (int i = 0; i < size; i++) {
            ss += grad[i] * grad[i];
        }
        double norm = Math.sqrt(ss);
        double coef = maxNorm / (norm + 1e-6);
        if (maxNorm > 0 && coef < 1) {
            for (int i = 0; i < size; i++) {
                grad[i] *= coef;
            }
        }
        return norm;
    }
}
