/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SuvTest {

    static final LocalDateTime INJECTION = LocalDateTime.of(2019, 3, 14, 10, 0, 0);
    static final LocalDateTime SERIES = INJECTION.plusHours(1);

    /** 70 kg, 370 MBq of F-18 (half-life 6586.2 s), imaged 1 h after injection. */
    static SuvParameters f18(DecayCorrection dc) {
        return new SuvParameters(70.0, 370e6, 6586.2, INJECTION, SERIES, dc, "BQML");
    }

    @Test
    void handComputedF18Example() {
        // decay over 3600 s: 2^(-3600 / 6586.2) = 2^(-0.5465974) = 0.6846329
        // dose at series time: 370e6 * 0.6846329 = 253.31418e6 Bq
        // factor: 70 000 g / 253.31418e6 Bq = 2.7633668e-4 g/Bq; 5000 Bq/ml -> SUV 1.3816834
        SuvParameters p = f18(DecayCorrection.START);
        assertThat(Suv.decayedDoseBq(p)).isCloseTo(253.31418e6, within(10.0));
        assertThat(Suv.bodyWeightFactor(p)).isCloseTo(2.7633668e-4, within(1e-11));
        assertThat(5000 * Suv.bodyWeightFactor(p)).isCloseTo(1.3816834, within(1e-6));
    }

    @Test
    void adminMeansNoDecayAndNoneDecaysToTheFrameTime() {
        // ADMIN: 70 000 / 370e6 = 1.8918919e-4, even without half-life or times
        assertThat(Suv.bodyWeightFactor(new SuvParameters(70.0, 370e6, null, null, null, DecayCorrection.ADMIN, "BQML")))
                .isCloseTo(1.8918919e-4, within(1e-11));
        // NONE with a frame acquired 90 min after injection: 2^(-5400 / 6586.2) = 0.5664827;
        // 70 000 / (370e6 * 0.5664827) = 3.3397169e-4
        SuvParameters frame = new SuvParameters(70.0, 370e6, 6586.2, INJECTION, INJECTION.plusMinutes(90), DecayCorrection.NONE, "BQML");
        assertThat(Suv.bodyWeightFactor(frame)).isCloseTo(3.3397169e-4, within(1e-11));
        // values already in g/ml
        assertThat(Suv.bodyWeightFactor(new SuvParameters(null, null, null, null, null, null, "GML"))).isEqualTo(1.0);
        // the delay may span midnight when dates are given
        SuvParameters night = new SuvParameters(70.0, 370e6, 6586.2, LocalDateTime.of(2019, 3, 14, 23, 30),
                LocalDateTime.of(2019, 3, 15, 0, 30), DecayCorrection.START, "BQML");
        assertThat(Suv.bodyWeightFactor(night)).isCloseTo(2.7633668e-4, within(1e-11));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new SuvParameters(70.0, 370e6, null, INJECTION, SERIES, DecayCorrection.START, "BQML"),
                        "PET series has no RadionuclideHalfLife (0018,1075): cannot compute SUVbw"),
                Arguments.of(new SuvParameters(null, 370e6, 6586.2, INJECTION, SERIES, DecayCorrection.START, "BQML"),
                        "PET series has no PatientWeight (0010,1030): cannot compute SUVbw"),
                Arguments.of(new SuvParameters(0.0, 370e6, 6586.2, INJECTION, SERIES, DecayCorrection.START, "BQML"),
                        "PET PatientWeight (0010,1030) is 0.0 kg: must be positive"),
                Arguments.of(new SuvParameters(70000.0, 370e6, 6586.2, INJECTION, SERIES, DecayCorrection.START, "BQML"),
                        "PatientWeight (0010,1030) is 70000.0 kg: not a weight in kg"),
                Arguments.of(new SuvParameters(70.0, null, 6586.2, INJECTION, SERIES, DecayCorrection.START, "BQML"),
                        "PET series has no RadionuclideTotalDose (0018,1074)"),
                Arguments.of(new SuvParameters(70.0, 370e6, 6586.2, null, SERIES, DecayCorrection.START, "BQML"),
                        "PET series has no RadiopharmaceuticalStartDateTime (0018,1078)"),
                Arguments.of(new SuvParameters(70.0, 370e6, 6586.2, INJECTION, null, DecayCorrection.START, "BQML"),
                        "PET series has no series reference time (SeriesDate/SeriesTime)"),
                Arguments.of(new SuvParameters(70.0, 370e6, 6586.2, INJECTION, null, DecayCorrection.NONE, "BQML"),
                        "PET series has no frame acquisition time"),
                Arguments.of(new SuvParameters(70.0, 370e6, 6586.2, INJECTION, SERIES, null, "BQML"),
                        "PET series has no DecayCorrection (0054,1102)"),
                Arguments.of(new SuvParameters(70.0, 370e6, 6586.2, INJECTION, SERIES, DecayCorrection.START, "CNTS"),
                        "PET Units (0054,1001) is 'CNTS': SUVbw needs BQML"),
                Arguments.of(new SuvParameters(70.0, 370e6, 6586.2, INJECTION, SERIES, DecayCorrection.START, null),
                        "PET series has no Units (0054,1001)"),
                Arguments.of(new SuvParameters(70.0, 370e6, 6586.2, SERIES, INJECTION, DecayCorrection.START, "BQML"),
                        "PET injection time 2019-03-14T11:00 is after the reference time 2019-03-14T10:00"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void missingOrInvalidFieldsAreNamed(SuvParameters p, String message) {
        assertThatThrownBy(() -> Suv.bodyWeightFactor(p)).isInstanceOf(ImagingException.class).hasMessageContaining(message);
    }

    @Test
    void decayCorrectionCodesAndVolumeConversion() {
        assertThat(DecayCorrection.ofDicom(" start")).isEqualTo(DecayCorrection.START);
        assertThat(DecayCorrection.ofDicom("ADMIN")).isEqualTo(DecayCorrection.ADMIN);
        assertThatThrownBy(() -> DecayCorrection.ofDicom("DECY")).hasMessageContaining("'DECY', not one of NONE, START, ADMIN");
        assertThatThrownBy(() -> DecayCorrection.ofDicom("")).hasMessageContaining("has no DecayCorrection");
        Volume bqml = new Volume(Grid.axial(2, 1, 1, Vec3.ZERO, 1, 1, 1), new float[] {5000f, 10000f});
        Volume suv = Suv.toSuv(bqml, Suv.bodyWeightFactor(f18(DecayCorrection.START)));
        assertThat(suv.data()[0]).isCloseTo(1.3816834f, within(1e-5f));
        assertThat(suv.data()[1]).isCloseTo(2.7633668f, within(1e-5f));
        assertThatThrownBy(() -> Suv.toSuv(bqml, 0)).hasMessageContaining("SUV factor must be positive");
    }
}
