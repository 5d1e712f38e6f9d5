/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import static io.segsurv.db.generated.Tables.IMAGING_INSTANCE;

import io.segsurv.base.config.SegSurvProperties;
import io.segsurv.filestore.FileStore;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * System job: checks that every stored imaging instance is present in the file store and still
 * hashes to its SHA-256, and reports each missing or corrupted file by hash and SOP Instance UID.
 */
@Component
class FileStoreVerifyJob implements JobHandler {

    static final String KIND = "filestore.verify";
    private final DSLContext db;
    private final FileStore store;

    FileStoreVerifyJob(DSLContext db, SegSurvProperties properties) {
        this.db = db;
        this.store = new FileStore(properties.dataDir().resolve("store"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Verify file store";
    }

    /** A check's findings do not change by running it again. */
    @Override
    public int maxAttempts() {
        return 1;
    }

    @Override
    public void run(JobContext context) throws Exception {
        List<String[]> files = db.select(IMAGING_INSTANCE.SHA256, IMAGING_INSTANCE.SOP_INSTANCE_UID).from(IMAGING_INSTANCE)
                .orderBy(IMAGING_INSTANCE.ID).fetch(r -> new String[] {r.value1(), r.value2()});
        int bad = 0;
        for (int i = 0; i < files.size(); i++) {
            context.checkCancelled();
            String[] f = files.get(i);
            if (!store.verify(f[0])) {
                bad++;
                context.log((store.contains(f[0]) ? "corrupted: " : "missing: ") + f[0] + " (SOP Instance UID " + f[1] + ")");
            }
            if (i % 100 == 0) {
                context.progress((double) i / files.size(), "checked " + i + " of " + files.size() + " files");
            }
        }
        String summary = files.size() + " file(s) checked, " + bad + " missing or corrupted";
        context.log(summary);
        if (bad > 0) {
            throw new IllegalStateException(summary);
        }
        context.progress(1.0, summary);
    }
}
