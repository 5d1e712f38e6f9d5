/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableTest {

    @TempDir
    Path dir;

    Path csv(String content) throws IOException {
        Path p = dir.resolve("F.csv");
        Files.writeString(p, content);
        return p;
    }

    @Test
    void readsPatientsByFeatures() throws IOException {
        FeatureTable t = FeatureTable.read(csv("PatientID,C00001,P00002\nA,1.5,0\nB,-2,3e2\n"));
        assertThat(t.rowIds()).containsExactly("A", "B");
        assertThat(t.columns()).containsExactly("C00001", "P00002");
        assertThat(t.get(1, 1)).isEqualTo(300.0);
        assertThat(t.column(0)).containsExactly(1.5, -2.0);
        FeatureTable noIds = FeatureTable.read(csv("x,y\n1,2\n3,4\n"));
        assertThat(noIds.rowIds()).containsExactly("1", "2");
        assertThat(FeatureTable.read(csv("id,a,b\nA,1,5\nB,1,6\n")).constantColumns()).containsExactly("a");
    }

    @Test
    void problemsNameTheFileLineAndColumn() throws IOException {
        assertThatThrownBy(() -> FeatureTable.read(csv(""))).hasMessage("F.csv: is empty (a header row is needed)");
        assertThatThrownBy(() -> FeatureTable.read(csv("id,a,b\nA,1\n"))).hasMessage("F.csv line 2: has 2 fields where the header has 3");
        assertThatThrownBy(() -> FeatureTable.read(csv("id,a,b\nA,1,x\n"))).hasMessage("F.csv line 2, column 'b': 'x' is not a number");
        assertThatThrownBy(() -> FeatureTable.read(csv("id,a,b\nA,1,NaN\n")))
                .hasMessage("F.csv line 2, column 'b': NaN is not allowed (missing values must be imputed before)");
        assertThatThrownBy(() -> FeatureTable.read(csv("id,a,a\nA,1,2\n"))).hasMessage("F.csv: column name 'a' appears twice");
        assertThatThrownBy(() -> FeatureTable.read(csv("id,a\n"))).hasMessage("F.csv: has a header but no rows");
        assertThatThrownBy(() -> FeatureTable.read(csv("id,a\nA,1\nA,2\n"))).hasMessage("F.csv: a patient id appears twice");
    }
}
