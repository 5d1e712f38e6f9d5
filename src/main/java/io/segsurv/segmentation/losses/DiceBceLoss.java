/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.segmentation.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Binary cross-entropy plus soft Dice loss for one-channel segmentation, on the logits:
 * <pre>
 *   BCE  = mean over all voxels of  softplus(x) - x y          (= -y log p - (1 - y) log(1 - p), p = sigmoid(x))
 *   Dice = mean over cases of  (2 sum p y + s) / (sum p + sum y + s)      (sums over one case's voxels)
 *   loss = BCE + (1 - Dice)
 * </pre>
 * {@code softplus(x) = log(1 + e^x)} is evaluated stably by PyTorch (x itself above 20), so
 * large logits of either sign give finite losses. The soft Dice is Milletari et al.'s Dice loss
 * (V-Net, 3DV 2016) with plain sums in the denominator (their variant squares p and y); the smooth
 * term {@code s = 1} keeps it defined for an empty mask and prediction (then Dice = 1, loss 0) and
 * damps the gradient of nearly empty volumes.
 */
public final class DiceBceLoss {

    /** The smooth term s of the soft Dice. */
    public static final float SMOOTH = 1f;

    private DiceBceLoss() {
    }

    /** The loss, a scalar NDArray, for {@code logits} and 0/1 {@code target} of the same shape {@code (N, 1, D, H, W)}. */
    public static NDArray evaluate(NDArray logits, NDArray target) {
        if (!logits.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("logits " + logits.getShape() + " and target " + target.getShape()
                    + " must have the same shape");
        }
        NDArray bce = Activation.softPlus(logits).sub(logits.mul(target)).mean();
        return bce.add(softDice(Activation.sigmoid(logits), target).neg().add(1));
    }

    /** Mean over the batch of the soft Dice of probabilities {@code p} and target {@code y}. */
    public static NDArray softDice(NDArray p, NDArray y) {
        int[] voxelAxes = new int[p.getShape().dimension() - 1];
        for (int i = 0; i < voxelAxes.length; i++) {
            voxelAxes[i] = i + 1;
        }
        NDArray intersection = p.mul(y).sum(voxelAxes);
        NDArray total = p.sum(voxelAxes).add(y.sum(voxelAxes));
        return intersection.mul(2).add(SMOOTH).div(total.add(SMOOTH)).mean();
    }
}
