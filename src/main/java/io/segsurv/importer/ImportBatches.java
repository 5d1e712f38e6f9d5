/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static io.segsurv.db.generated.Tables.IMPORT_BATCH;

import io.segsurv.base.NotFoundException;
import io.segsurv.project.ProjectAccess;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Past imports of a cohort and their stored reports, for members of its project. */
@Service
@Transactional(readOnly = true)
public class ImportBatches {

    public record Batch(long id, String source, OffsetDateTime startedAt, OffsetDateTime finishedAt, int filesStored, int filesDuplicate,
                        int filesRejected, int patientsStored, int patientsRejected) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DSLContext db;
    private final ProjectAccess access;

    public ImportBatches(DSLContext db, ProjectAccess access) {
        this.db = db;
        this.access = access;
    }

    public List<Batch> list(long cohortId) {
        access.requireCohortMember(cohortId);
        return db.selectFrom(IMPORT_BATCH).where(IMPORT_BATCH.COHORT_ID.eq(cohortId)).orderBy(IMPORT_BATCH.ID.desc())
                .fetch(r -> new Batch(r.getId(), r.getSource(), r.getStartedAt(), r.getFinishedAt(), r.getFilesStored(), r.getFilesDuplicate(),
                        r.getFilesRejected(), r.getPatientsStored(), r.getPatientsRejected()));
    }

    public ImportReport report(long batchId) {
        var r = db.selectFrom(IMPORT_BATCH).where(IMPORT_BATCH.ID.eq(batchId)).fetchOne();
        if (r == null || access.role(r.getProjectId()).isEmpty() || r.getReport() == null) {
            throw new NotFoundException("Import " + batchId + " does not exist or you are not a member of its project");
        }
        return JSON.readValue(r.getReport(), ImportReport.class);
    }
}
