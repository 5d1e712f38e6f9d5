/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DICOM tags by keyword from PixelMed's standard dictionary. PixelMed's {@code TagFromName}
 * lacks most RT and PET tags in the Debian build, so every tag is looked up here.
 */
public final class Tags {

    private static final ConcurrentHashMap<String, AttributeTag> CACHE = new ConcurrentHashMap<>();

    private Tags() {
    }

    public static AttributeTag of(String keyword) {
        return CACHE.computeIfAbsent(keyword, k -> {
            AttributeTag t = DicomDictionary.StandardDictionary.getTagFromName(k);
            if (t == null) {
                throw new IllegalArgumentException("Unknown DICOM keyword '" + k + "'");
            }
            return t;
        });
    }
}
