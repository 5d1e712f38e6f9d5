/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import java.util.List;

/**
 * What an import did, per file and per patient; the same report is shown in the browser, printed
 * by the command line and stored with the import batch. Patients appear under their pseudonym.
 */
public record ImportReport(long batchId, List<FileResult> files, List<PatientResult> patients, List<String> clinical,
                           int filesStored, int filesDuplicate, int filesRejected, int patientsStored, int patientsRejected) {

    /** SKIPPED: a file that is plainly not DICOM by its name (.csv, .json, ...), left alone without complaint. */
    public enum FileStatus { STORED, DUPLICATE, REJECTED, SKIPPED }

    public record FileResult(String file, FileStatus status, String message) {
    }

    public enum PatientStatus { STORED, UNCHANGED, REJECTED }

    /** @param preprocessing the outcome of pre-processing the stored patient (crop, SUV, tumour volume), or why it was not done */
    public record PatientResult(String patient, PatientStatus status, int files, String tumourCt, String tumourPet,
                                List<String> problems, List<String> warnings, String preprocessing) {
    }

    /** Human-readable lines, as the command line prints them. */
    public List<String> lines() {
        List<String> out = new java.util.ArrayList<>();
        long skipped = files.stream().filter(f -> f.status() == FileStatus.SKIPPED).count();
        out.add("import " + batchId + ": " + filesStored + " file(s) stored, " + filesDuplicate + " already present, "
                + filesRejected + " rejected" + (skipped > 0 ? ", " + skipped + " non-DICOM skipped" : "") + "; " + patientsStored + " patient(s) stored, " + patientsRejected + " rejected");
        for (PatientResult p : patients) {
            out.add("  patient " + p.patient() + ": " + p.status() + " (" + p.files() + " files"
                    + (p.tumourCt() == null ? "" : ", CT tumour ROI '" + p.tumourCt() + "'")
                    + (p.tumourPet() == null ? "" : ", PET tumour ROI '" + p.tumourPet() + "'") + ")");
            if (p.preprocessing() != null) {
                out.add("    " + p.preprocessing());
            }
            p.problems().forEach(s -> out.add("    error: " + s));
            p.warnings().forEach(s -> out.add("    warning: " + s));
        }
        for (FileResult f : files) {
            if (f.status() == FileStatus.REJECTED) {
                out.add("  rejected " + f.file() + ": " + f.message());
            }
        }
        clinical.forEach(s -> out.add("  clinical: " + s));
        return out;
    }
}
