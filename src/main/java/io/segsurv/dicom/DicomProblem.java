/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

/** A file that cannot be imported; the message names the file and the problem. */
public class DicomProblem extends Exception {

    private final String file;

    public DicomProblem(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public DicomProblem(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
