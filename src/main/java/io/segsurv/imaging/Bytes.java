/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Word-at-a-time scans of 0/1 byte arrays: large masks are mostly zero. */
final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    /** Index of the first byte that is neither 0 nor 1, or -1. */
    static int firstNonBinary(byte[] a) {
        int n = 0;
        int end = a.length - 7;
        for (; n < end; n += 8) {
            if (((long) LONGS.get(a, n) & 0xFEFEFEFEFEFEFEFEL) != 0) {
                break;
            }
        }
        for (; n < a.length; n++) {
            if ((a[n] & ~1) != 0) {
                return n;
            }
        }
        return -1;
    }

    /** Whether the 8 bytes from {@code n} (which must fit) are all zero. */
    static boolean zeroWord(byte[] a, int n) {
        return (long) LONGS.get(a, n) == 0L;
    }

    /** Number of ones in a 0/1 array. */
    static int countOnes(byte[] a) {
        long c = 0;
        int n = 0;
        int end = a.length - 7;
        for (; n < end; n += 8) {
            // each byte is 0 or 1, so the popcount of the word is the number of ones
            c += Long.bitCount((long) LONGS.get(a, n));
        }
        for (; n < a.length; n++) {
            c += a[n];
        }
        return (int) c;
    }
}
