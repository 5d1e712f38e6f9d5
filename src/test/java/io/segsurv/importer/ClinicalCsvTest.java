/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicalCsvTest {

    private static final String HEADER = "PatientID,age,gender,Overall.Stage,Histology,Survival.time,deadstatus.event,cause.of.death";

    @Test
    void readsTheNsclcRadiomicsLayout() throws Exception {
        List<ClinicalCsv.Row> rows = ClinicalCsv.parse("c.csv", List.of(HEADER,
                "LUNG1-001,78.75,male,IIIb,large cell,2165,1,disease",
                "LUNG1-002,83.8,male,I,squamous cell carcinoma,155,1,other",
                "\"LUNG1-003\",68.2,female,IIIa,\"adenocarcinoma, NOS\",256,0,"), null);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(new ClinicalCsv.Row(2, "LUNG1-001", 78.75, "male", "IIIb", "large cell", 2165, true, "DISEASE"));
        assertThat(rows.get(1).causeOfDeath()).isEqualTo("OTHER");
        assertThat(rows.get(2).histology()).isEqualTo("adenocarcinoma, NOS");
        assertThat(rows.get(2).dead()).isFalse();
        assertThat(rows.get(2).causeOfDeath()).isNull();
    }

    @Test
    void theOriginalFileWithoutCauseOfDeathMarksDeathsAsUnknownCause() throws Exception {
        List<ClinicalCsv.Row> rows = ClinicalCsv.parse("c.csv", List.of("PatientID,age,gender,Overall.Stage,Histology,Survival.time,deadstatus.event",
                "LUNG1-001,78.75,male,IIIb,large cell,2165,1"), null);
        assertThat(rows.getFirst().causeOfDeath()).isEqualTo("UNKNOWN");
    }

    @Test
    void errorsNameTheFileLineAndColumn() {
        assertThatThrownBy(() -> ClinicalCsv.parse("c.csv", List.of("PatientID,age", "A,1"), null))
                .hasMessage("c.csv: has no column 'Survival.time' (columns: [patientid, age])");
        assertThatThrownBy(() -> ClinicalCsv.parse("c.csv", List.of(HEADER, "A,70,m,I,x,ten,1,"), null))
                .hasMessage("c.csv line 2: Survival.time is not a number: 'ten'");
        assertThatThrownBy(() -> ClinicalCsv.parse("c.csv", List.of(HEADER, "A,70,m,I,x,10,2,"), null))
                .hasMessage("c.csv line 2: deadstatus.event must be 1 (dead) or 0 (censored), was '2'");
        assertThatThrownBy(() -> ClinicalCsv.parse("c.csv", List.of(HEADER, "A,70,m,I,x,10,1,", "A,70,m,I,x,10,1,"), null))
                .hasMessage("c.csv line 3: patient A appears twice");
        assertThatThrownBy(() -> ClinicalCsv.parse("c.csv", List.of(HEADER, "A,70,m,I,x,-5,1,"), null))
                .hasMessage("c.csv line 2: Survival.time is negative (-5)");
    }

    @Test
    void otherLayoutsAreReadThroughAMapping() throws Exception {
        var mapping = ClinicalCsv.Mapping.parse("patientId=id,followUpDays=os_days,dead=event");
        List<ClinicalCsv.Row> rows = ClinicalCsv.parse("c.csv", List.of("id,os_days,event", "P1,100,0"), mapping);
        assertThat(rows.getFirst().followUpDays()).isEqualTo(100);
        assertThatThrownBy(() -> ClinicalCsv.Mapping.parse("survival=os")).hasMessageContaining("unknown clinical field 'survival'");
        assertThatThrownBy(() -> ClinicalCsv.Mapping.parse("patientId")).hasMessageContaining("is not field=column");
    }
}
