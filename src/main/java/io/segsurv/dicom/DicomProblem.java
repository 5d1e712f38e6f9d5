/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.dicom;

/** A file that cannot be imported; the message names the file and the problem. */
public class DicomProblem extends Exception {

    private final String file;
    private String patientId = "";

    public DicomProblem(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The PatientID of the damaged file when it could still be read, so the patient's import can fail as a whole. */
    public String patientId() {
        return patientId;
    }

    DicomProblem withPatientId(String id) {
        this.patientId = id == null ? "" : id;
        return this;
    }

    public DicomProblem(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
