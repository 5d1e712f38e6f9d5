/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static io.segsurv.db.generated.Tables.IMPORT_BATCH;
import static io.segsurv.db.generated.Tables.PATIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.segsurv.cohort.Cohort;
import io.segsurv.project.Project;
import io.segsurv.project.ProjectRole;
import io.segsurv.synth.SyntheticCohort;
import io.segsurv.testsupport.Fixtures;
import io.segsurv.user.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** DCMTK's storescu (from Debian) pushes a synthetic patient to the receiver over real DICOM networking on 127.0.0.1. */
abstract class StorageScpContract {

    @Autowired
    StorageScp scp;
    @Autowired
    DicomRouteService routes;
    @Autowired
    Fixtures fx;
    @Autowired
    DSLContext db;

    @Test
    void storescuPushesAPatientThatIsImportedIntoTheRoutedCohort(@TempDir Path dir) throws Exception {
        SyntheticCohort.generate(new SyntheticCohort.Options(1, 23L, false, "small"), dir);
        Path patient = ImportContract.patientDirs(dir).getFirst();
        User pi = fx.user("pi");
        Project p = fx.project(pi, ProjectRole.PI);
        Cohort cohort = fx.cohort(pi, p);
        String ae = ("SSV" + Fixtures.unique("").replace("-", "")).toUpperCase();
        fx.as(pi, () -> routes.set(ae, cohort.id()));

        // an AE title nobody routes: the association is rejected and nothing is stored
        Result rejected = storescu("NOSUCHAE", patient);
        assertThat(rejected.exitCode()).isNotZero();
        assertThat(rejected.output()).containsIgnoringCase("reject");

        Result sent = storescu(ae, patient);
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!db.fetchExists(IMPORT_BATCH, IMPORT_BATCH.COHORT_ID.eq(cohort.id()).and(IMPORT_BATCH.FINISHED_AT.isNotNull()))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(db.fetchCount(PATIENT, PATIENT.COHORT_ID.eq(cohort.id()))).isEqualTo(1);
        var batch = db.selectFrom(IMPORT_BATCH).where(IMPORT_BATCH.COHORT_ID.eq(cohort.id())).fetchOne();
        assertThat(batch.getSource()).isEqualTo("CSTORE");
        assertThat(batch.getFilesStored()).isEqualTo(ImportContract.countDicom(patient));
        assertThat(batch.getFilesRejected()).isZero();
    }

    record Result(int exitCode, String output) {
    }

    Result storescu(String calledAe, Path directory) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("storescu", "-aet", "TESTSCU", "-aec", calledAe, "+sd", "+r",
                "127.0.0.1", String.valueOf(scp.port()), directory.toString())).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1"); // DCMTK leaves Nagle on otherwise: ~2x slower on loopback
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
